using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// A Realtime error: the server's <c>error</c> event answering one of this client's operations
/// (<see cref="ErrorType"/>, <see cref="Code"/>, <see cref="Param"/>, and <see cref="EventId"/>, the
/// client event it answers), or a client-side failure (subclasses). Messages never contain the API key.
/// </summary>
public class RealtimeException : Exception
{
    public RealtimeException()
    {
    }

    public RealtimeException(string message)
        : base(message)
    {
    }

    public RealtimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public RealtimeException(string message, string? errorType, string? code, string? param, string? eventId, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorType = errorType;
        Code = code;
        Param = param;
        EventId = eventId;
    }

    /// <summary>The error's <c>type</c>, e.g. <c>invalid_request_error</c> or <c>server_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The error's <c>code</c>, e.g. <c>input_audio_buffer_commit_empty</c>.</summary>
    public string? Code { get; }

    /// <summary>The parameter the error is about, e.g. <c>session.audio.input.format</c>.</summary>
    public string? Param { get; }

    /// <summary>The client event the error answers (<c>evt_…</c>).</summary>
    public string? EventId { get; }

    /// <summary>The <c>event_id</c> of the server's <c>error</c> event.</summary>
    public string? ServerEventId { get; init; }

    /// <summary>The exception for a server <c>error</c> event; <paramref name="secret"/> (the API key) is removed from the text.</summary>
    public static RealtimeException FromError(RealtimeErrorEvent errorEvent, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(errorEvent);
        var error = errorEvent.Error ?? new RealtimeErrorDetail();
        var text = RealtimeRedaction.Scrub(error.Message, secret);
        var details = string.Join(", ", new[]
        {
            error.Type is null ? null : "type " + error.Type,
            error.Code is null ? null : "code " + error.Code,
            error.Param is null ? null : "param " + error.Param,
            error.EventId is null ? null : "client event " + error.EventId,
        }.Where(d => d is not null));
        var message = $"The Realtime server answered with an error: {(string.IsNullOrEmpty(text) ? "(no message)" : text)}{(details.Length > 0 ? $" ({RealtimeRedaction.Scrub(details, secret)})" : string.Empty)}";
        return new RealtimeException(message, error.Type, error.Code, error.Param, error.EventId) { ServerEventId = errorEvent.EventId };
    }
}
