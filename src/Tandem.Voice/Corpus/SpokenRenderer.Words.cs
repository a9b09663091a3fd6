using System.Text;

namespace Tandem.Voice.Corpus;

public static partial class SpokenRenderer
{
    private static readonly string[] s_digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static readonly string[] s_teens =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] s_tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly string[] s_nato =
    [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike",
        "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "x-ray",
        "yankee", "zulu",
    ];

    // Each word starts with its letter (a normaliser may rely on that); names, objects and a few NATO words, as
    // people actually mix them on the phone.
    private static readonly string[][] s_asIn =
    [
        ["apple", "alpha", "Alice", "Adam"], ["boy", "bravo", "Bob", "baker"], ["cat", "Charlie", "car"],
        ["dog", "David", "delta"], ["echo", "egg", "Edward"], ["Frank", "fox", "Freddie"], ["George", "golf", "garden"],
        ["Harry", "hotel", "house"], ["India", "ice", "Ivan"], ["Jack", "jam", "Juliet"], ["king", "kite", "kilo"],
        ["London", "lemon", "Larry"], ["Mary", "mother", "Mike"], ["Nancy", "nut", "November"], ["orange", "Oscar", "Oliver"],
        ["Peter", "pizza", "papa"], ["queen", "Quebec"], ["Robert", "red", "Romeo"], ["sugar", "Sam", "sierra"],
        ["Tom", "table", "tango"], ["umbrella", "uncle", "uniform"], ["Victor", "violin", "van"], ["William", "water", "whiskey"],
        ["x-ray", "xylophone"], ["yellow", "yacht", "Yankee"], ["zebra", "Zulu"],
    ];

    private static string RenderGroup(string group, SpokenStyle style, DeterministicRandom random) => style switch
    {
        SpokenStyle.DoubleTriple => RenderRuns(group),
        SpokenStyle.Pairs => RenderPairs(group),
        SpokenStyle.AsIn => string.Join(", ", group.Select(c => Symbol(c, style, random))),
        _ => string.Join(" ", group.Select(c => Symbol(c, style, random))),
    };

    private static string Symbol(char c, SpokenStyle style, DeterministicRandom? random) => c switch
    {
        '0' => style is SpokenStyle.OhForZero or SpokenStyle.DoubleTriple or SpokenStyle.Pairs ? "oh" : "zero",
        >= '1' and <= '9' => s_digits[c - '0'],
        >= 'A' and <= 'Z' when style == SpokenStyle.Nato => s_nato[c - 'A'],
        >= 'A' and <= 'Z' when style == SpokenStyle.AsIn => $"{c} as in {random!.Pick(s_asIn[c - 'A'])}",
        >= 'A' and <= 'Z' => c.ToString(),
        '-' => "hyphen",
        '\'' => "apostrophe",
        _ => throw new ArgumentException($"'{c}' has no spoken form.", nameof(c)),
    };

    /// <summary>Runs within a group collapse: 2 → "double", 3 → "triple", 4 → double+double, 5 → triple+double.</summary>
    private static string RenderRuns(string group)
    {
        var words = new List<string>();
        for (var i = 0; i < group.Length;)
        {
            var run = 1;
            while (i + run < group.Length && group[i + run] == group[i] && char.IsAsciiLetterOrDigit(group[i]))
            {
                run++;
            }

            var word = Symbol(group[i], SpokenStyle.DoubleTriple, null);
            for (var left = run; left > 0;)
            {
                if (left is 2 or 4)
                {
                    words.Add("double " + word);
                    left -= 2;
                }
                else if (left >= 3)
                {
                    words.Add("triple " + word);
                    left -= 3;
                }
                else
                {
                    words.Add(word);
                    left--;
                }
            }

            i += run;
        }

        return string.Join(" ", words);
    }

    /// <summary>
    /// Digits in pairs: an odd group leads with a single digit ("four fifteen"); a three- or four-digit group ending
    /// in 00 is "… hundred" ("nine hundred", "seventy-seven hundred"); "0X" is "oh X".
    /// </summary>
    private static string RenderPairs(string group)
    {
        if (group.Length is 3 or 4 && group.EndsWith("00", StringComparison.Ordinal) && group[0] != '0')
        {
            var head = group[..^2];
            return (head.Length == 1 ? s_digits[head[0] - '0'] : Pair(head)) + " hundred";
        }

        var words = new List<string>();
        var start = 0;
        if (group.Length % 2 == 1)
        {
            words.Add(Symbol(group[0], SpokenStyle.Pairs, null));
            start = 1;
        }

        if (group.Length - start is 4 && group.EndsWith("00", StringComparison.Ordinal) && group[start] != '0')
        {
            words.Add(Pair(group.Substring(start, 2)) + " hundred");
            return string.Join(" ", words);
        }

        for (var i = start; i < group.Length; i += 2)
        {
            words.Add(Pair(group.Substring(i, 2)));
        }

        return string.Join(" ", words);
    }

    private static string Pair(string two)
    {
        int tens = two[0] - '0', units = two[1] - '0';
        return tens switch
        {
            0 => "oh " + (units == 0 ? "oh" : s_digits[units]),
            1 => s_teens[units],
            _ => units == 0 ? s_tens[tens] : s_tens[tens] + "-" + s_digits[units],
        };
    }

    private static string Spell(string letters) =>
        string.Join(" ", letters.Select(c => char.IsAsciiDigit(c) ? s_digits[c - '0'] : char.ToUpperInvariant(c).ToString()));

    private static string NumberWords(string digits) =>
        digits.Length == 2 && digits[0] != '0' ? Pair(digits) : string.Join(" ", digits.Select(c => s_digits[c - '0']));

    private static StringBuilder AppendWord(StringBuilder builder, string word) =>
        (builder.Length == 0 ? builder : builder.Append(' ')).Append(word);
}
