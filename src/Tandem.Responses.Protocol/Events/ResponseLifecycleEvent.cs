namespace Tandem.Responses.Protocol;

/// <summary>
/// <c>response.created</c>, <c>response.queued</c>, <c>response.in_progress</c>,
/// <c>response.completed</c>, <c>response.failed</c>, <c>response.incomplete</c>: they carry the response.
/// </summary>
public sealed class ResponseLifecycleEvent : ResponseStreamEvent
{
    public ResponseObject Response { get; set; } = new();
}
