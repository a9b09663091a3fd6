using Tandem.Voice.Entities;

namespace Tandem.Voice.Corpus;

/// <summary>One utterance of the corpus: the value, how it was said, by which voice, and where its audio is.</summary>
public sealed record CorpusSample
{
    /// <summary>Stable identifier, e.g. <c>phone-0003</c>; also the WAV file's name.</summary>
    public required string Id { get; init; }

    /// <summary>The kind of value.</summary>
    public required EntityKind Kind { get; init; }

    /// <summary>The value in canonical form (the expected capture).</summary>
    public required string CanonicalValue { get; init; }

    /// <summary>What the voice says (English text; letters upper case, digits as words).</summary>
    public required string SpokenText { get; init; }

    /// <summary>How the value is said.</summary>
    public required SpokenStyle Style { get; init; }

    /// <summary>The synthetic voice.</summary>
    public required CorpusVoice Voice { get; init; }

    /// <summary>Speaking-rate factor (1 = normal).</summary>
    public required double Speed { get; init; }

    /// <summary>Acoustic condition.</summary>
    public required AudioCondition Condition { get; init; }

    /// <summary>The WAV (24 kHz PCM16 mono), relative to the manifest's folder, with forward slashes.</summary>
    public required string AudioPath { get; init; }

    /// <summary>Audio length in whole milliseconds (0 in a plan that has not been synthesised).</summary>
    public int DurationMs { get; init; }
}
