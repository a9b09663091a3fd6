using System.Collections.Concurrent;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Harness;

/// <summary>
/// The captures of one sample on one arm, shared by every policy run on it: a re-ask is the same
/// speech through the same recogniser whichever policy asked, so it is captured once. Also keeps
/// each voice attempt's audio for a second recogniser.
/// </summary>
internal sealed class CaptureCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CaptureAttempt>>> _captures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, short[]> _audio = new(StringComparer.Ordinal);

    public Task<CaptureAttempt> GetOrAdd(string key, Func<CancellationToken, Task<CaptureAttempt>> capture, CancellationToken cancellationToken) =>
        _captures.GetOrAdd(key, _ => new Lazy<Task<CaptureAttempt>>(() => capture(cancellationToken))).Value;

    public void RememberAudio(string audioId, short[] audio) => _audio[audioId] = audio;

    public bool TryGetAudio(CaptureAttempt attempt, out short[] audio)
    {
        audio = [];
        return attempt.AudioId is { } id && _audio.TryGetValue(id, out audio!);
    }
}
