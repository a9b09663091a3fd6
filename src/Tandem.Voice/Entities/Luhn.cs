namespace Tandem.Voice.Entities;

/// <summary>The Luhn (mod 10) check used by payment card numbers.</summary>
public static class Luhn
{
    /// <summary>
    /// Whether <paramref name="digits"/> (check digit last) passes the Luhn check. False, not an
    /// exception, for an empty string, a single digit or any non-digit: a captured value is data, not a programming error.
    /// </summary>
    public static bool IsValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length < 2)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            sum += Weigh(c - '0', doubleIt);
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// The check digit to append to <paramref name="payload"/> (the number without its check
    /// digit). Throws <see cref="ArgumentException"/> naming the first character that is not a digit.
    /// </summary>
    public static char ComputeCheckDigit(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0)
        {
            throw new ArgumentException("A Luhn check digit needs at least one payload digit.", nameof(payload));
        }

        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var c = payload[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException($"'{c}' at position {i + 1} is not a digit; a Luhn payload is digits only.", nameof(payload));
            }

            sum += Weigh(c - '0', doubleIt);
            doubleIt = !doubleIt;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static int Weigh(int digit, bool doubleIt)
    {
        if (!doubleIt)
        {
            return digit;
        }

        var doubled = digit * 2;
        return doubled > 9 ? doubled - 9 : doubled;
    }
}
