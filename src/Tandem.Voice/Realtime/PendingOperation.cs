using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>A sent client event waiting for its answer (or for an <c>error</c> naming its event id).</summary>
internal sealed class PendingOperation(string eventId, string clientEventType, string answerName, Func<RealtimeServerEvent, bool> isAnswer)
{
    public string EventId { get; } = eventId;

    public string ClientEventType { get; } = clientEventType;

    public string AnswerName { get; } = answerName;

    public TaskCompletionSource<RealtimeServerEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsAnswer(RealtimeServerEvent serverEvent) => isAnswer(serverEvent);
}
