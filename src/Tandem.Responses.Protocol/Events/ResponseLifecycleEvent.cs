using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// <c>response.created</c>, <c>response.queued</c>, <c>response.in_progress</c>,
/// <c>response.completed</c>, <c>response.failed</c>, <c>response.incomplete</c>: they carry the response.
/// </summary>
public sealed class ResponseLifecycleEvent : ResponseStreamEvent
{
    // Stands for a response explicitly set to null (a null field means "never set").
    private static readonly object NullResponse = new();

    // null until set or read (the default response is made on first read), a ResponseObject,
    // NullResponse, or the response's UTF-8 JSON as received (byte[], never written to), which the
    // first read parses. The bytes are kept for the events that open a stream: they repeat the
    // whole response object, few callers read it, and building it was a third of a small turn's
    // allocations.
    private object? _response;

    /// <summary>
    /// The response. When <see cref="ProtocolJson.ParseEvent"/> read a <c>response.created</c>,
    /// <c>response.in_progress</c> or <c>response.queued</c>, the object is built on first read (then
    /// kept), so a <c>response</c> that is well-formed JSON but not a valid response object throws
    /// <see cref="System.Text.Json.JsonException"/> here rather than when the event was parsed.
    /// </summary>
    public ResponseObject Response
    {
        get
        {
            var state = Volatile.Read(ref _response);
            return state as ResponseObject ?? Materialize(state);
        }

        set => Volatile.Write(ref _response, value ?? NullResponse);
    }

    /// <summary>Keeps <paramref name="utf8"/> (a JSON object, not copied, never modified) as the response, parsed on first read.</summary>
    internal void SetResponseJson(byte[] utf8) => _response = utf8;

    private ResponseObject Materialize(object? state)
    {
        if (ReferenceEquals(state, NullResponse))
        {
            return null!;
        }

        var built = state is byte[] utf8
            ? FastEventReader.TryReadResponse(utf8) ?? ProtocolJson.Deserialize<ResponseObject>(utf8) ?? throw new System.Text.Json.JsonException("The response is null.")
            : new ResponseObject();

        // Concurrent first reads agree on one instance; a set in between wins over the parse.
        var prior = Interlocked.CompareExchange(ref _response, built, state);
        return ReferenceEquals(prior, state) ? built : Response;
    }
}
