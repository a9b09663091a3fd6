namespace Tandem.Voice.Fallbacks;

/// <summary>One candidate value: what was captured, what the recogniser heard, and how long it took.</summary>
/// <param name="Value">The captured value as the model reported it (a tool call's argument).</param>
/// <param name="Transcript">What the recogniser heard, when known (the input transcription).</param>
/// <param name="Source">How the value reached the agent.</param>
/// <param name="LatencyMs">From the end of the caller's audio to the captured value, when measured.</param>
/// <param name="CallerTurns">Caller turns the attempt took (one per part when asked in parts; 0 for a second transcription).</param>
/// <param name="AudioId">Names the caller audio the value came from, for a second recogniser (kept by <c>with</c> copies); null when there is none.</param>
public sealed record CaptureAttempt(string Value, string? Transcript, CaptureSource Source, double? LatencyMs = null, int CallerTurns = 1, string? AudioId = null);
