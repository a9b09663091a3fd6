using Tandem.Voice.Entities;

namespace Tandem.Voice.Fallbacks;

/// <summary>
/// The conversation with the caller as a fallback policy sees it. The A/B harness implements it
/// with synthesised speech through a Realtime endpoint and a simulated caller; a live agent with
/// its own turns.
/// </summary>
public interface ICallerChannel
{
    /// <summary>The kind of value being collected.</summary>
    EntityKind Kind { get; }

    /// <summary>Whether the channel carries keypad tones (a phone line does; a web widget may not).</summary>
    bool HasKeypad { get; }

    /// <summary>Asks the caller for the value again, the way <paramref name="request"/> says; one caller turn per part.</summary>
    ValueTask<CaptureAttempt> AskAsync(CallerRequest request, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="readBack"/> to the caller and returns whether they said it is right (one caller turn).</summary>
    ValueTask<bool> ConfirmAsync(string readBack, CancellationToken cancellationToken);

    /// <summary>
    /// The audio of <paramref name="attempt"/> transcribed by a second recogniser (or out of band),
    /// or null when there is no second recogniser or the attempt has no audio. Costs no caller turn.
    /// </summary>
    ValueTask<CaptureAttempt?> TranscribeAgainAsync(CaptureAttempt attempt, CancellationToken cancellationToken);
}
