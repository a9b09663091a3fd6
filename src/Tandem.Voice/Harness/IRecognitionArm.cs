using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Harness;

/// <summary>
/// One arm of an A/B run: a model behind a Realtime endpoint (the local one's recognisers, or an
/// OpenAI realtime model). It hears one caller utterance and returns the value its tool call captured.
/// </summary>
public interface IRecognitionArm : IAsyncDisposable
{
    /// <summary>The arm's label in reports, e.g. <c>local:sphinx-alnum</c>.</summary>
    string Name { get; }

    /// <summary>Plays <paramref name="pcm24k"/> (24 kHz mono PCM16) as one caller turn asking for a <paramref name="kind"/>; returns the captured value.</summary>
    ValueTask<CaptureAttempt> CaptureAsync(EntityKind kind, ReadOnlyMemory<short> pcm24k, CancellationToken cancellationToken);
}
