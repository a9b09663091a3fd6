namespace Tandem.Voice.Corpus;

/// <summary>A synthetic voice: an engine and one of its voice names.</summary>
/// <param name="Engine">The synthesiser.</param>
/// <param name="Name">The engine's voice name (<c>en-us</c>, <c>en-gb-scotland</c>, <c>slt</c>, …).</param>
/// <param name="Pitch">espeak-ng's pitch (0–99, default 50); flite has no pitch option, so it must be null there.</param>
public sealed record CorpusVoice(SpeechEngine Engine, string Name, int? Pitch = null)
{
    /// <summary>A short label such as <c>espeak-ng:en-us</c> or <c>flite:slt</c> (pitch appended as <c>@60</c>).</summary>
    public override string ToString() =>
        (Engine == SpeechEngine.EspeakNg ? "espeak-ng:" : "flite:") + Name + (Pitch is { } p ? "@" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
}
