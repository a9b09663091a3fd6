namespace Tandem.Voice.Recognition;

/// <summary>
/// The built-in recogniser models: the two arms an offline A/B run compares. Their tuning was
/// measured on synthesized digit and letter strings (see the recogniser tests).
/// </summary>
public static class RecognizerProfiles
{
    /// <summary>The name of the full US English language-model profile.</summary>
    public const string SphinxLmName = "sphinx-lm";

    /// <summary>The name of the alphanumeric grammar profile.</summary>
    public const string SphinxAlnumName = "sphinx-alnum";

    /// <summary>Open vocabulary: the en-us n-gram language model, PocketSphinx's default weights.</summary>
    public static RecognizerProfile SphinxLm { get; } = new()
    {
        Name = SphinxLmName,
        LanguageModel = "en-us.lm.bin",
    };

    /// <summary>
    /// Closed vocabulary: <see cref="AlphanumericVocabulary"/> as a JSGF grammar. A strong word
    /// insertion penalty, because with the default (0.65) the item loop fills every pause with
    /// one-phone letters ("a", "e"); 1e-3 cut the word error rate on 12 synthesized strings from
    /// 0.22 to 0.07 (espeak-ng Klatt voice) and from 0.93 to 0.16 (default espeak-ng voice).
    /// </summary>
    public static RecognizerProfile SphinxAlnum { get; } = new()
    {
        Name = SphinxAlnumName,
        Grammar = AlphanumericVocabulary.ToJsgf(),
        DecoderArguments = new Dictionary<string, string> { ["-wip"] = "1e-3" }.AsReadOnly(),
    };

    /// <summary>Every built-in profile.</summary>
    public static IReadOnlyList<RecognizerProfile> All { get; } = [SphinxLm, SphinxAlnum];

    /// <summary>The built-in profile with this name.</summary>
    /// <exception cref="ArgumentException">No built-in profile has that name; the message lists the names.</exception>
    public static RecognizerProfile Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException(
                $"Unknown recogniser model '{name}'; the built-in ones are {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
    }
}
