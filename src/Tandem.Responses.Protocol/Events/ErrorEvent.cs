using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// The <c>error</c> event in both of its shapes: flat over SSE
/// (<c>{type,code,message,param,sequence_number}</c>) and the WebSocket envelope
/// (<c>{type,status,stream_id?,error:{type,code,message,param,headers?}}</c>). Reading accepts
/// either, plus <c>status_code</c> and a top-level <c>headers</c>; writing emits the envelope
/// when <see cref="Error"/> is set and the flat form otherwise.
/// </summary>
[JsonConverter(typeof(ErrorEventConverter))]
public sealed class ErrorEvent : ResponseStreamEvent
{
    public ErrorEvent() => Type = ResponseEventTypes.Error;

    /// <summary>HTTP-equivalent status (WebSocket envelope: <c>status</c> or <c>status_code</c>).</summary>
    public int? Status { get; set; }

    /// <summary>The nested error of the envelope form.</summary>
    public ApiError? Error { get; set; }

    /// <summary>Flat form: the code.</summary>
    public string? Code { get; set; }

    /// <summary>Flat form: the message.</summary>
    public string? Message { get; set; }

    /// <summary>Flat form: the parameter at fault.</summary>
    public string? Param { get; set; }

    /// <summary>Top-level <c>headers</c> of some WebSocket error variants.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The code, whichever shape carried it.</summary>
    [JsonIgnore]
    public string? EffectiveCode => Error?.Code ?? Code;

    /// <summary>The message, whichever shape carried it.</summary>
    [JsonIgnore]
    public string EffectiveMessage => Error?.Message ?? Message ?? string.Empty;

    /// <summary>The parameter at fault, whichever shape carried it.</summary>
    [JsonIgnore]
    public string? EffectiveParam => Error?.Param ?? Param;

    /// <summary>The WebSocket envelope form.</summary>
    public static ErrorEvent Envelope(int status, ApiError error, string? streamId = null) =>
        new() { Status = status, Error = error, StreamId = streamId };

    /// <summary>The flat SSE form.</summary>
    public static ErrorEvent Flat(string? code, string message, string? param, int sequenceNumber) =>
        new() { Code = code, Message = message, Param = param, SequenceNumber = sequenceNumber };
}
