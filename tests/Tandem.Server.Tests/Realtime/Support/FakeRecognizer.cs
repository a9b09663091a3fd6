using System.Collections.Concurrent;
using Tandem.Voice.Recognition;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>
/// A recogniser that "hears" a scripted transcript, records what it was given, and can be held
/// until a test releases it (to catch a response while it waits for recognition).
/// </summary>
public sealed class FakeRecognizer(string transcript, string modelName = "fake") : ISpeechRecognizer
{
    private TaskCompletionSource? _hold;

    public string ModelName { get; } = modelName;

    public string Transcript { get; set; } = transcript;

    /// <summary>Thrown by every call when set: a failing recogniser.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Each call's audio (24 kHz samples as given) and sample rate.</summary>
    public ConcurrentQueue<(short[] Audio, int SampleRate)> Calls { get; } = new();

    /// <summary>Makes calls wait until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public async ValueTask<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm16, int sampleRate, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((pcm16.ToArray(), sampleRate));
        if (_hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        var words = Transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var duration = (int)(pcm16.Length * 1000L / sampleRate);
        return new RecognitionResult(
            string.Join(' ', words),
            [.. words.Select((w, i) => new RecognizedWord(w, duration * i / Math.Max(1, words.Length), duration * (i + 1) / Math.Max(1, words.Length), 0.9))],
            words.Length == 0 ? null : 0.9);
    }
}
