using System.Collections.Frozen;

namespace Tandem.Voice.Entities;

/// <summary>
/// Characters that speech recognisers (and people reading codes aloud) mix up: the E-set letters
/// that differ only in their first consonant (B C D E G P T V Z), the nasals M/N, F/S, and the
/// letter/digit look-alikes and sound-alikes O/0, I/1/L, S/5, B/8, Z/2. Drives targeted
/// confirmation questions ("was that B as in Bravo or P as in Papa?") and NATO read-back.
/// </summary>
public static class ConfusableLetters
{
    private static readonly string[] Groups = ["BCDEGPTVZ", "MN", "FS", "O0", "I1L", "S5", "B8", "Z2"];

    private static readonly string[] Nato =
    [
        "Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima", "Mike",
        "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu",
    ];

    private static readonly string[] DigitWords = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];

    private static readonly FrozenDictionary<char, FrozenSet<char>> Unions = BuildUnions();

    /// <summary>The confusable groups, each a set of upper-case letters and digits.</summary>
    public static IReadOnlyList<IReadOnlySet<char>> Sets { get; } = [.. Groups.Select(g => (IReadOnlySet<char>)g.ToFrozenSet())];

    /// <summary>
    /// Every character <paramref name="c"/> can be confused with, <paramref name="c"/> included (upper
    /// case; B gives the E-set and 8). Empty when <paramref name="c"/> has no confusables (A, H, K, …).
    /// Case-insensitive.
    /// </summary>
    public static IReadOnlySet<char> SetOf(char c) =>
        Unions.TryGetValue(char.ToUpperInvariant(c), out var set) ? set : FrozenSet<char>.Empty;

    /// <summary>Whether <paramref name="c"/> has confusables.</summary>
    public static bool HasConfusables(char c) => Unions.ContainsKey(char.ToUpperInvariant(c));

    /// <summary>Zero-based positions in <paramref name="value"/> whose character has confusables: the places worth a targeted confirmation question.</summary>
    public static IReadOnlyList<int> ConfusablePositions(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var positions = new List<int>();
        for (var i = 0; i < value.Length; i++)
        {
            if (HasConfusables(value[i]))
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    /// <summary>
    /// The ICAO/NATO spelling word for a letter ("Bravo"; the official spellings Alfa and Juliett),
    /// or the digit's English name ("Zero"). Throws <see cref="ArgumentException"/> for anything else.
    /// </summary>
    public static string NatoWord(char c)
    {
        if (char.IsAsciiLetter(c))
        {
            return Nato[char.ToUpperInvariant(c) - 'A'];
        }

        return char.IsAsciiDigit(c)
            ? DigitWords[c - '0']
            : throw new ArgumentException($"'{c}' is not an ASCII letter or digit; only those have spelling words.", nameof(c));
    }

    /// <summary>"B as in Bravo" for a letter, the digit's name for a digit: an unmistakable way to say one character.</summary>
    public static string AsIn(char c) =>
        char.IsAsciiLetter(c) ? $"{char.ToUpperInvariant(c)} as in {NatoWord(c)}" : NatoWord(c);

    private static FrozenDictionary<char, FrozenSet<char>> BuildUnions()
    {
        var unions = new Dictionary<char, HashSet<char>>();
        foreach (var group in Groups)
        {
            foreach (var c in group)
            {
                if (!unions.TryGetValue(c, out var set))
                {
                    unions[c] = set = [];
                }

                set.UnionWith(group);
            }
        }

        return unions.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet());
    }
}
