namespace Tandem.Voice.Recognition;

/// <summary>
/// A speech recogniser behind the local Realtime endpoint: one call transcribes one committed or
/// VAD-stopped segment. Implementations do no wall-clock timing; callers measure latency.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>The model name the endpoint exposes (e.g. <c>sphinx-lm</c>, <c>sphinx-alnum</c>).</summary>
    string ModelName { get; }

    /// <summary>Transcribes one segment of mono PCM16 audio.</summary>
    /// <param name="pcm16">Mono 16-bit samples; must not be empty.</param>
    /// <param name="sampleRate">Their sample rate in Hz; the recogniser resamples to its model's rate.</param>
    /// <param name="cancellationToken">Cancels the wait for a decoder and the call before or after decoding.</param>
    ValueTask<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm16, int sampleRate, CancellationToken cancellationToken = default);
}
