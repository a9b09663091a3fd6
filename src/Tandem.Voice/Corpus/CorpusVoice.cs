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

    /// <summary>Reads what <see cref="ToString"/> writes: <c>espeak-ng:en-us</c>, <c>flite:slt</c>, <c>espeak-ng:en-gb@60</c>.</summary>
    /// <exception cref="FormatException">The text names no engine or no voice; the message shows the form.</exception>
    public static CorpusVoice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var engine = colon < 0 ? null : text[..colon].Trim().ToLowerInvariant() switch
        {
            "espeak-ng" or "espeak" => (SpeechEngine?)SpeechEngine.EspeakNg,
            "flite" => SpeechEngine.Flite,
            _ => null,
        };
        if (engine is null)
        {
            throw new FormatException($"'{text}' is not a voice: write ENGINE:NAME[@PITCH] with ENGINE espeak-ng or flite, e.g. espeak-ng:en-us or flite:slt.");
        }

        var rest = text[(colon + 1)..].Trim();
        int? pitch = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!int.TryParse(rest[(at + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                throw new FormatException($"'{text}': the pitch after @ must be a whole number.");
            }

            pitch = p;
            rest = rest[..at];
        }

        return rest.Length == 0
            ? throw new FormatException($"'{text}' names no voice after '{text[..(colon + 1)]}'.")
            : new CorpusVoice(engine.Value, rest, pitch);
    }
}
