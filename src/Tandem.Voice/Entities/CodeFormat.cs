namespace Tandem.Voice.Entities;

/// <summary>
/// What an order or confirmation code may contain: its alphabet (upper-case letters and digits),
/// its length bounds and whether its last character is a check character (Luhn mod N over the
/// alphabet, which catches every single-character error and most adjacent transpositions).
/// </summary>
/// <remarks>
/// The alphabet also steers the normaliser: a spoken "oh" becomes <c>0</c> when the alphabet has
/// <c>0</c> but not <c>O</c> (and <c>O</c> in the opposite case), and a letter outside the alphabet
/// whose look-alike digit is inside it is mapped (<c>O→0</c>, <c>I→1</c>, <c>L→1</c>; and back,
/// <c>0→O</c>, <c>1→I</c>), so the captured value fits the alphabet deterministically.
/// </remarks>
public sealed class CodeFormat
{
    /// <summary>
    /// Digits and upper-case letters without <c>I</c>, <c>L</c> and <c>O</c>, which are read and heard
    /// as <c>1</c>, <c>1</c> and <c>0</c> (the Crockford base-32 choice, keeping <c>U</c>); 4 to 12 characters, no check character.
    /// </summary>
    public static CodeFormat Unambiguous { get; } = new("0123456789ABCDEFGHJKMNPQRSTUVWXYZ", 4, 12);

    private readonly bool[] _members = new bool[128];
    private readonly int[] _index = new int[128];

    /// <summary>Creates a format; throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    /// <param name="alphabet">The allowed characters, each once: digits and upper-case ASCII letters.</param>
    /// <param name="minLength">Fewest characters, check character included.</param>
    /// <param name="maxLength">Most characters, check character included.</param>
    /// <param name="hasCheckCharacter">Whether the last character is a Luhn mod N check character over <paramref name="alphabet"/>.</param>
    public CodeFormat(string alphabet, int minLength, int maxLength, bool hasCheckCharacter = false)
    {
        ArgumentNullException.ThrowIfNull(alphabet);
        if (alphabet.Length < 2)
        {
            throw new ArgumentException($"A code alphabet needs at least 2 characters; '{alphabet}' has {alphabet.Length}.", nameof(alphabet));
        }

        for (var i = 0; i < alphabet.Length; i++)
        {
            var c = alphabet[i];
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                throw new ArgumentException($"Code alphabet character '{c}' at index {i} is not a digit or an upper-case ASCII letter.", nameof(alphabet));
            }

            if (_members[c])
            {
                throw new ArgumentException($"Code alphabet has '{c}' more than once.", nameof(alphabet));
            }

            _members[c] = true;
            _index[c] = i;
        }

        var fewest = hasCheckCharacter ? 2 : 1;
        if (minLength < fewest)
        {
            throw new ArgumentOutOfRangeException(nameof(minLength), minLength, $"A code has at least {fewest} character(s){(hasCheckCharacter ? " (a body and its check character)" : "")}.");
        }

        if (maxLength < minLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"The maximum length must not be below the minimum ({minLength}).");
        }

        Alphabet = alphabet;
        MinLength = minLength;
        MaxLength = maxLength;
        HasCheckCharacter = hasCheckCharacter;
    }

    /// <summary>The allowed characters, in the order the check character arithmetic uses.</summary>
    public string Alphabet { get; }

    /// <summary>Fewest characters, check character included.</summary>
    public int MinLength { get; }

    /// <summary>Most characters, check character included.</summary>
    public int MaxLength { get; }

    /// <summary>Whether the last character is a Luhn mod N check character.</summary>
    public bool HasCheckCharacter { get; }

    /// <summary>Whether <paramref name="c"/> is in the alphabet (case-sensitive: codes are upper case).</summary>
    public bool Contains(char c) => c < 128 && _members[c];

    /// <summary>
    /// The Luhn mod N check character for <paramref name="body"/> (the code without its check
    /// character). Throws <see cref="ArgumentException"/> when a character is outside the alphabet.
    /// </summary>
    public char ComputeCheckCharacter(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            throw new ArgumentException("A check character needs a non-empty code body.", nameof(body));
        }

        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * IndexOf(body, i, nameof(body));
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }

    /// <summary>Whether the last character of <paramref name="code"/> is the right check character for the rest; false for characters outside the alphabet.</summary>
    public bool IsCheckCharacterValid(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length < 2)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!Contains(c))
            {
                return false;
            }
        }

        return ComputeCheckCharacter(code[..^1]) == code[^1];
    }

    private int IndexOf(string text, int i, string paramName)
    {
        var c = text[i];
        return Contains(c)
            ? _index[c]
            : throw new ArgumentException($"'{c}' at position {i + 1} is not in the code alphabet '{Alphabet}'.", paramName);
    }
}
