using System.Globalization;
using System.Text;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Corpus;

/// <summary>
/// Fictional, well-formed values for each <see cref="EntityKind"/>, in their canonical forms, derived from a seed.
/// </summary>
/// <remarks>
/// <para>Stability: value <c>i</c> of a kind depends only on (seed, kind, i, options) through the SplitMix64 stream
/// and word lists defined in this assembly. Nothing here uses <see cref="Random"/>, string hashing, culture or
/// floating point, so the same seed gives the same values on every .NET version and machine; changing the word lists
/// or the generation rules in this file is what changes them (treat that as a corpus format change).</para>
/// <para>Safety: phone numbers are in the ranges reserved for fiction (US 555-0100–0199, UK 07700 900000–900999);
/// card numbers start 4000 00 (a processor test range) and pass Luhn; emails use example.com/example.org only.</para>
/// </remarks>
public sealed class EntityValueGenerator
{
    private const string CardPrefix = "400000";
    private const int CardLength = 16;

    private static readonly string[] s_letterDistricts = ["W1", "E1", "N1"];
    private static readonly string[] s_twoLetterDistricts = ["SW1", "EC1", "EC2", "WC1", "WC2"];

    /// <summary>Creates a generator for <paramref name="seed"/>.</summary>
    public EntityValueGenerator(long seed, EntityValueOptions? options = null)
    {
        Seed = seed;
        Options = options ?? new EntityValueOptions();
        Options.Validate();
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>The value shapes.</summary>
    public EntityValueOptions Options { get; }

    /// <summary>Value number <paramref name="index"/> of <paramref name="kind"/>, canonical form.</summary>
    public string Generate(EntityKind kind, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = DeterministicRandom.For(Seed, "value:" + StableName(kind), index);
        return kind switch
        {
            EntityKind.PhoneNumber => PhoneNumber(random),
            EntityKind.OrderCode => OrderCode(random),
            EntityKind.CardNumber => CardNumber(random),
            EntityKind.Postcode => Postcode(random),
            EntityKind.SpelledName => random.Pick(EntityWordLists.Surnames),
            EntityKind.Email => Email(random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
        };
    }

    /// <summary>Values <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 of <paramref name="kind"/>.</summary>
    public IEnumerable<string> GenerateMany(EntityKind kind, int count, int start = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        return Enumerable.Range(start, count).Select(i => Generate(kind, i));
    }

    /// <summary>The Luhn check digit that makes <paramref name="payload"/> + digit valid.</summary>
    internal static int LuhnCheckDigit(string payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var digit = payload[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>A name per kind that stays put if the enum is reordered or renamed.</summary>
    internal static string StableName(EntityKind kind) => kind switch
    {
        EntityKind.PhoneNumber => "phone",
        EntityKind.OrderCode => "order-code",
        EntityKind.CardNumber => "card",
        EntityKind.Postcode => "postcode",
        EntityKind.SpelledName => "name",
        EntityKind.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };

    private static string PhoneNumber(DeterministicRandom random)
    {
        var line = random.Next(100).ToString("D2", CultureInfo.InvariantCulture);
        if (random.Next(2) == 0)
        {
            // US: NPA 555-01XX, reserved for fictional use in every area code.
            return "+1" + random.Pick(EntityWordLists.UsAreaCodes) + "55501" + line;
        }

        // UK: 07700 900000–900999, Ofcom's drama range; E.164 drops the trunk 0.
        return "+447700900" + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
    }

    private string OrderCode(DeterministicRandom random)
    {
        var alphabet = Options.OrderCodeAlphabet;
        var length = random.Next(Options.OrderCodeMinLength, Options.OrderCodeMaxLength);
        var letters = alphabet.Where(char.IsAsciiLetter).ToArray();
        var digits = alphabet.Where(char.IsAsciiDigit).ToArray();
        var code = new char[length];
        for (var i = 0; i < length; i++)
        {
            code[i] = random.Pick(alphabet);
        }

        // A code of only letters or only digits is not the "letters+digits" case the corpus exists for: swap one in.
        if (length >= 2 && letters.Length > 0 && digits.Length > 0)
        {
            if (!code.Any(char.IsAsciiLetter))
            {
                code[random.Next(length)] = letters[random.Next(letters.Length)];
            }
            else if (!code.Any(char.IsAsciiDigit))
            {
                code[random.Next(length)] = digits[random.Next(digits.Length)];
            }
        }

        return new string(code);
    }

    private static string CardNumber(DeterministicRandom random)
    {
        var payload = new StringBuilder(CardPrefix, CardLength);
        while (payload.Length < CardLength - 1)
        {
            payload.Append((char)('0' + random.Next(10)));
        }

        var text = payload.ToString();
        return text + (char)('0' + LuhnCheckDigit(text));
    }

    private static string Postcode(DeterministicRandom random)
    {
        if (random.Next(3) == 0)
        {
            // US ZIP: 01001–99950 is the span in use; no ZIP+4, so the canonical form stays five digits.
            return random.Next(1001, 99950).ToString("D5", CultureInfo.InvariantCulture);
        }

        var inward = $"{random.Next(10)}{random.Pick(EntityWordLists.UkInwardLetters)}{random.Pick(EntityWordLists.UkInwardLetters)}";
        var outward = random.Next(6) switch
        {
            0 => random.Pick(EntityWordLists.UkSingleLetterAreas) + random.Next(1, 9),
            1 => random.Pick(EntityWordLists.UkSingleLetterAreas) + random.Next(10, 29),
            2 => random.Pick(EntityWordLists.UkTwoLetterAreas) + random.Next(1, 9),
            3 => random.Pick(EntityWordLists.UkTwoLetterAreas) + random.Next(10, 29),

            // Central London's letter-suffixed districts: W1A, E1W, N1C; SW1A, EC1A, WC2H.
            4 => random.Pick(s_letterDistricts) + random.Pick("ABCDFGHJKSTUW"),
            _ => random.Pick(s_twoLetterDistricts) + random.Pick("ABEHMNPRVWXY"),
        };
        return outward + " " + inward;
    }

    private static string Email(DeterministicRandom random)
    {
        var first = random.Pick(EntityWordLists.FirstNames);
        var last = EntityWordLists.EmailSurname(random.Pick(EntityWordLists.Surnames));
        var number = random.Next(1, 99).ToString(CultureInfo.InvariantCulture);
        var local = random.Next(8) switch
        {
            0 => first + "." + last,
            1 => first + "_" + last,
            2 => first + "-" + last,
            3 => first + last,
            4 => first[0] + last,
            5 => first + number,
            6 => first + "." + last + number,
            _ => last + "." + first,
        };
        return local + "@" + random.Pick(EntityWordLists.EmailDomains);
    }
}
