using System.Text;

namespace Tandem.Voice.Recognition;

/// <summary>
/// The words of the <c>sphinx-alnum</c> grammar: how people say digits, letters and email addresses,
/// spelled as the CMU dictionary spells them (<c>x-ray</c>, <c>juliet</c>).
/// </summary>
public static class AlphanumericVocabulary
{
    /// <summary>Digits, with "oh" for zero.</summary>
    public static IReadOnlyList<string> Digits { get; } =
        ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>The letters as spoken names (the dictionary spells them as the single letter).</summary>
    public static IReadOnlyList<string> Letters { get; } =
        [.. Enumerable.Range('a', 26).Select(c => ((char)c).ToString())];

    /// <summary>The NATO spelling alphabet.</summary>
    public static IReadOnlyList<string> NatoWords { get; } =
    [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike",
        "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "x-ray", "yankee", "zulu",
    ];

    /// <summary>Numbers said in pairs and phone style ("fifty-five twelve", "eight hundred").</summary>
    public static IReadOnlyList<string> NumberWords { get; } =
    [
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    ];

    /// <summary>
    /// Everyday words callers spell with beside NATO's ("B as in boy", "S as in sugar"): the common
    /// ones per letter, so an "as in" answer does not fall outside the grammar.
    /// </summary>
    public static IReadOnlyList<string> SpellingWords { get; } =
    [
        "apple", "alice", "adam", "boy", "bob", "baker", "cat", "car", "dog", "david", "egg", "edward", "frank", "fox",
        "freddie", "george", "garden", "harry", "house", "ice", "ivan", "jack", "jam", "king", "kite", "london", "lemon",
        "larry", "mary", "mother", "nancy", "nut", "orange", "oliver", "peter", "pizza", "queen", "robert", "red", "sugar",
        "sam", "tom", "table", "umbrella", "uncle", "violin", "van", "william", "water", "xylophone", "yellow", "yacht", "zebra",
    ];

    /// <summary>A name's punctuation, said ("O apostrophe B R I E N", "Smith hyphen Jones").</summary>
    public static IReadOnlyList<string> NameWords { get; } = ["hyphen", "apostrophe"];

    /// <summary>The commonest words of email domains.</summary>
    public static IReadOnlyList<string> DomainWords { get; } = ["example", "com", "org", "net", "gmail"];

    /// <summary>Repeat words and the spelling connective ("double five", "B as in bravo").</summary>
    public static IReadOnlyList<string> Modifiers { get; } = ["double", "triple", "as in"];

    /// <summary>The spoken punctuation of email addresses.</summary>
    public static IReadOnlyList<string> EmailWords { get; } = ["at", "dot", "underscore", "dash", "plus"];

    /// <summary>Phrases that may open the utterance once, before the value.</summary>
    public static IReadOnlyList<string> FramingPhrases { get; } =
    [
        "my number is", "my phone number is", "the number is", "my code is", "the code is", "my email is",
        "my email address is", "my name is", "it is", "it's", "you can reach me on", "my order code is",
        "the confirmation code is", "the reference is", "the card number is", "my card number is", "my zip code is",
        "the zip code is", "my surname is", "my last name is", "it's spelled", "the name is", "the address is",
    ];

    /// <summary>Every item word or phrase that may repeat in the value part.</summary>
    public static IReadOnlyList<string> Items { get; } =
        [.. Digits, .. NumberWords, .. Letters, .. NatoWords, .. SpellingWords, .. Modifiers, .. NameWords, .. EmailWords, .. DomainWords];

    /// <summary>The <c>sphinx-alnum</c> grammar: an optional framing phrase, then one or more items.</summary>
    public static string ToJsgf() => BuildJsgf("alnum", FramingPhrases, Items);

    /// <summary>
    /// Builds a JSGF grammar <c>[framing] item+</c> from phrases of lower-case dictionary words, so
    /// profiles for other vocabularies (digits only, a fixed code alphabet) are one call away.
    /// </summary>
    /// <exception cref="ArgumentException">No items, or a phrase holds a character JSGF or the dictionary would not take.</exception>
    public static string BuildJsgf(string grammarName, IEnumerable<string> framingPhrases, IEnumerable<string> items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grammarName);
        ArgumentNullException.ThrowIfNull(framingPhrases);
        ArgumentNullException.ThrowIfNull(items);
        if (!grammarName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"The grammar name '{grammarName}' must be ASCII letters and digits.", nameof(grammarName));
        }

        var framing = framingPhrases.Select(p => Phrase(p, nameof(framingPhrases))).Distinct(StringComparer.Ordinal).ToList();
        var words = items.Select(p => Phrase(p, nameof(items))).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
        {
            throw new ArgumentException("A grammar needs at least one item.", nameof(items));
        }

        var jsgf = new StringBuilder();
        jsgf.Append("#JSGF V1.0;\n");
        jsgf.Append("grammar ").Append(grammarName).Append(";\n");
        jsgf.Append(framing.Count > 0 ? "public <utterance> = [<framing>] <item>+;\n" : "public <utterance> = <item>+;\n");
        if (framing.Count > 0)
        {
            jsgf.Append("<framing> = ").AppendJoin(" | ", framing).Append(";\n");
        }

        jsgf.Append("<item> = ").AppendJoin(" | ", words).Append(";\n");
        return jsgf.ToString();
    }

    private static string Phrase(string phrase, string parameter)
    {
        var words = (phrase ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw new ArgumentException("A phrase is empty.", parameter);
        }

        foreach (var word in words)
        {
            // Lower case because the CMU dictionary is; '-' and '\'' because it spells "x-ray" and "it's".
            if (!word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '\''))
            {
                throw new ArgumentException($"The word '{word}' in '{phrase}' must be lower-case ASCII letters, digits, '-' or '\\''.", parameter);
            }
        }

        return string.Join(' ', words);
    }
}
