using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Tests.Fallbacks;

/// <summary>A caller whose answers are scripted: what each re-ask captures, what a second recogniser hears, whether a read-back is right.</summary>
internal sealed class ScriptedCaller(EntityKind kind, string truth) : ICallerChannel
{
    public Queue<CaptureAttempt> Answers { get; } = new();

    /// <summary>What a second recogniser hears, by the first transcript (the audio it stands for).</summary>
    public Dictionary<string, string> SecondReadings { get; } = [];

    public List<CallerRequest> Requests { get; } = [];

    public List<string> ReadBacks { get; } = [];

    public EntityKind Kind => kind;

    public bool HasKeypad { get; init; } = true;

    public ValueTask<CaptureAttempt> AskAsync(CallerRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (request == CallerRequest.Keypad)
        {
            return ValueTask.FromResult(new CaptureAttempt(truth, null, CaptureSource.Keypad));
        }

        return ValueTask.FromResult(Answers.Count > 0 ? Answers.Dequeue() : new CaptureAttempt(string.Empty, string.Empty, CaptureSource.Voice));
    }

    public ValueTask<bool> ConfirmAsync(string readBack, CancellationToken cancellationToken)
    {
        ReadBacks.Add(readBack);

        // The caller hears the read-back and says yes when it is their value: compare what was read with the truth's own read-back.
        return ValueTask.FromResult(readBack == ReadBack.Render(kind, truth));
    }

    public ValueTask<CaptureAttempt?> TranscribeAgainAsync(CaptureAttempt attempt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(attempt.Transcript is not null && SecondReadings.TryGetValue(attempt.Transcript, out var second)
            ? new CaptureAttempt(second, second, CaptureSource.SecondAsr, CallerTurns: 0)
            : null);
}
