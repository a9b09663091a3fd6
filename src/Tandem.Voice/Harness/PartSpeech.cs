using System.Text;

namespace Tandem.Voice.Harness;

/// <summary>
/// How a careful caller says one group of a value when asked for it in parts: digits one by one,
/// letters "B as in bravo", symbols by name. A caller asked in parts slows down and spells.
/// </summary>
public static class PartSpeech
{
    private static readonly string[] Digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static string Render(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var words = new List<string>();
        foreach (var c in part)
        {
            if (char.IsAsciiDigit(c))
            {
                words.Add(Digits[c - '0']);
            }
            else if (char.IsAsciiLetter(c))
            {
                words.Add(Entities.ConfusableLetters.AsIn(c));
            }
            else
            {
                var word = c switch
                {
                    '@' => "at",
                    '.' => "dot",
                    '-' => "dash",
                    '_' => "underscore",
                    '\'' => "apostrophe",
                    '+' => "plus",
                    _ => null,
                };
                if (word is not null)
                {
                    words.Add(word);
                }
            }
        }

        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            // A pause after each spelled letter keeps "B as in bravo" apart from the next one.
            text.Append(words[i]).Append(i == words.Count - 1 ? "." : words[i].Contains(" as in ", StringComparison.Ordinal) ? ", " : " ");
        }

        return text.ToString();
    }
}
