using System.Collections.Frozen;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Corpus;

/// <summary>
/// Turns a canonical value into what a caller would say, in a given <see cref="SpokenStyle"/>, framed by a short
/// natural phrase ("my number is …"). Output is plain English text: letters as upper-case letters, digits and
/// symbols as words, groups separated by commas (pauses), one sentence with a capital and a full stop.
/// </summary>
/// <remarks>
/// Rendering is a pure function of (kind, value, style, variant): <c>variant</c> picks the framing and, for
/// <see cref="SpokenStyle.AsIn"/>, the example words, through the same fixed generator the corpus uses; the value
/// part of <see cref="Render"/> is exactly <see cref="RenderValue"/> with the same variant.
/// Framings avoid words a normaliser could mistake for a value ("to", "for", "at", "oh").
/// </remarks>
public static partial class SpokenRenderer
{
    private static readonly FrozenDictionary<EntityKind, SpokenStyle[]> s_styles = new Dictionary<EntityKind, SpokenStyle[]>
    {
        [EntityKind.PhoneNumber] = [SpokenStyle.Digits, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Grouped, SpokenStyle.Pairs],
        [EntityKind.CardNumber] = [SpokenStyle.Digits, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Grouped, SpokenStyle.Pairs],
        [EntityKind.OrderCode] = [SpokenStyle.Letters, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Grouped, SpokenStyle.Nato, SpokenStyle.AsIn],
        [EntityKind.Postcode] = [SpokenStyle.Letters, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Nato, SpokenStyle.AsIn],
        [EntityKind.SpelledName] = [SpokenStyle.Letters, SpokenStyle.DoubleTriple, SpokenStyle.Nato, SpokenStyle.AsIn],
        [EntityKind.Email] = [SpokenStyle.EmailWords, SpokenStyle.SpelledEmail],
    }.ToFrozenDictionary();

    /// <summary>
    /// The styles that make sense for <paramref name="kind"/>: digit styles for numbers, letter styles for codes,
    /// postcodes and names, the two email styles for emails.
    /// </summary>
    public static IReadOnlyList<SpokenStyle> StylesFor(EntityKind kind) =>
        s_styles.TryGetValue(kind, out var styles)
            ? styles
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind.");

    /// <summary>Whether <paramref name="style"/> applies to <paramref name="kind"/>.</summary>
    public static bool Applies(EntityKind kind, SpokenStyle style) => StylesFor(kind).Contains(style);

    /// <summary>The whole utterance: a framing phrase around <see cref="RenderValue"/>, as one sentence.</summary>
    /// <exception cref="ArgumentException">The style does not apply to the kind, or the value is not canonical.</exception>
    public static string Render(EntityKind kind, string canonicalValue, SpokenStyle style, int variant = 0)
    {
        var spoken = RenderValue(kind, canonicalValue, style, variant);
        var framings = Framings(kind, canonicalValue);
        var framing = framings[DeterministicRandom.For(variant, "framing", 0).Next(framings.Length)];
        var sentence = string.Format(System.Globalization.CultureInfo.InvariantCulture, framing, spoken);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }

    /// <summary>The value alone, spoken in <paramref name="style"/> ("four one five, five five five, …").</summary>
    /// <exception cref="ArgumentException">The style does not apply to the kind, or the value is not canonical.</exception>
    public static string RenderValue(EntityKind kind, string canonicalValue, SpokenStyle style, int variant = 0) =>
        RenderValue(kind, canonicalValue, style, DeterministicRandom.For(variant, "words", 0));

    private static string RenderValue(EntityKind kind, string canonicalValue, SpokenStyle style, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(canonicalValue);
        if (!Applies(kind, style))
        {
            throw new ArgumentException(
                $"Style {style} does not apply to {kind}; use one of: {string.Join(", ", StylesFor(kind))}.", nameof(style));
        }

        if (kind == EntityKind.Email)
        {
            return RenderEmail(canonicalValue, style);
        }

        var groups = Groups(kind, canonicalValue);
        var pauses = kind == EntityKind.Postcode || style is SpokenStyle.Grouped or SpokenStyle.DoubleTriple or SpokenStyle.Pairs or SpokenStyle.AsIn;
        return string.Join(pauses ? ", " : " ", groups.Select(g => RenderGroup(g, style, random)));
    }

    private static string[] Framings(EntityKind kind, string canonicalValue) => kind switch
    {
        EntityKind.PhoneNumber => ["my number is {0}", "it's {0}", "you can reach me on {0}", "the number is {0}", "{0}"],
        EntityKind.OrderCode => ["my order code is {0}", "the confirmation code is {0}", "it's {0}", "the reference is {0}", "{0}"],
        EntityKind.CardNumber => ["the card number is {0}", "my card number is {0}", "it's {0}", "{0}"],
        EntityKind.Postcode when IsUsZip(canonicalValue) => ["my zip code is {0}", "the zip code is {0}", "it's {0}", "{0}"],
        EntityKind.Postcode => ["my postcode is {0}", "the postcode is {0}", "it's {0}", "{0}"],
        EntityKind.SpelledName => ["my surname is {0}", "my last name is {0}", "it's spelled {0}", "the name is {0}", "{0}"],
        EntityKind.Email => ["my email is {0}", "my email address is {0}", "it's {0}", "the address is {0}", "{0}"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };
}
