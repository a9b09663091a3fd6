using PhoneNumbers;

namespace Tandem.Voice.Entities;

/// <summary>
/// Renders a canonical value for a confirmation read-back: in short groups (phone 3-3-4, card
/// 4-4-4-4, codes in 3s or 4s), confusable letters of codes and postcodes as "B as in Bravo".
/// </summary>
/// <remarks>
/// Card numbers are sensitive (<see cref="IsSensitive"/>) and are never read back: speaking a full
/// card number puts it in the agent's audio, the TTS request, call recordings and transcripts —
/// everywhere card data must not be (PCI DSS) — and anyone near the caller hears it. The Luhn check
/// already catches every single-digit error and most swaps, so the fallback policy asks the caller
/// to repeat the number (or to use the keypad) instead of confirming a read-back.
/// <see cref="Groups"/> still groups a card number, for display masks and tests; <see cref="Render"/> refuses.
/// </remarks>
public static class ReadBack
{
    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();

    /// <summary>Whether values of <paramref name="kind"/> must never be read back (card numbers).</summary>
    public static bool IsSensitive(EntityKind kind) => kind == EntityKind.CardNumber;

    /// <summary>
    /// <paramref name="value"/> (canonical) split into the groups a read-back pauses between. Phone:
    /// NANP numbers 3-3-4; others as libphonenumber groups them nationally, with the country code
    /// first when it is not <paramref name="defaultRegion"/>'s. Card: 4s (Amex-length 15 as 4-6-5).
    /// Code: 4s when the length is a multiple of 4 from 8 up, else 3s (a trailing single joins the
    /// group before it). Postcode: outward and inward code, ZIP and +4. Name: the parts between
    /// separators, separators as their own groups. Email: local part, @, domain.
    /// </summary>
    public static IReadOnlyList<string> Groups(EntityKind kind, string value, string defaultRegion = "US")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return [];
        }

        return kind switch
        {
            EntityKind.PhoneNumber => PhoneGroups(value, defaultRegion),
            EntityKind.CardNumber => value.Length == 15 ? Split(value, 4, 6, 5) : Chunk(value, 4),
            EntityKind.OrderCode => value.Length >= 8 && value.Length % 4 == 0 ? Chunk(value, 4) : Chunk(value, 3),
            EntityKind.Postcode => value.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries),
            EntityKind.SpelledName => NameGroups(value),
            EntityKind.Email => EmailGroups(value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an EntityKind member."),
        };
    }

    /// <summary>
    /// The words to speak: characters of a group separated by spaces, groups by commas, letters in
    /// upper case, confusable letters of codes and postcodes as "B as in Bravo", symbols by name
    /// ("dot", "at", "hyphen"); an email's local part is spelled and its domain said as words. Throws <see cref="InvalidOperationException"/> for sensitive kinds (<see cref="IsSensitive"/>).
    /// </summary>
    public static string Render(EntityKind kind, string value, string defaultRegion = "US")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsSensitive(kind))
        {
            throw new InvalidOperationException($"{kind} values are sensitive and never read back; ask the caller to repeat the value (or use the keypad) instead.");
        }

        // Codes and postcodes are arbitrary letter strings, so a confusable letter gets its NATO
        // word; names and emails are spelled plainly (their confusable letters are for targeted
        // questions, see ConfusableLetters) to keep the read-back short.
        var nato = kind is EntityKind.OrderCode or EntityKind.Postcode;
        var groups = Groups(kind, value, defaultRegion);
        if (kind == EntityKind.Email && groups.Count == 3)
        {
            // The local part is spelled (it is where the errors are); the domain is said as words.
            return $"{SpellGroup(groups[0], nato)}, at, {string.Join(" dot ", groups[2].Split('.'))}";
        }

        return string.Join(", ", groups.Select(g => SpellGroup(g, nato)));
    }

    private static string SpellGroup(string group, bool nato) => group.Length == 1 && SymbolName(group[0]) is { } name
        ? name
        : string.Join(' ', group.Select(c => SayCharacter(c, nato)));

    private static string SayCharacter(char c, bool nato)
    {
        if (SymbolName(c) is { } name)
        {
            return name;
        }

        if (!char.IsAsciiLetter(c))
        {
            return c.ToString();
        }

        return nato && ConfusableLetters.HasConfusables(c) ? ConfusableLetters.AsIn(c) : char.ToUpperInvariant(c).ToString();
    }

    private static string? SymbolName(char c) => c switch
    {
        '.' => "dot",
        '@' => "at",
        '-' => "hyphen",
        '_' => "underscore",
        '+' => "plus",
        '\'' => "apostrophe",
        ' ' => "space",
        _ => null,
    };

    private static List<string> PhoneGroups(string value, string defaultRegion)
    {
        var region = Regions.Canonical(defaultRegion);
        try
        {
            var number = PhoneUtil.Parse(value, region);
            var national = PhoneUtil.GetNationalSignificantNumber(number);
            if (number.CountryCode == 1 && national.Length == 10)
            {
                return Split(national, 3, 3, 4);
            }

            var home = number.CountryCode == PhoneUtil.GetCountryCodeForRegion(region);
            var formatted = PhoneUtil.Format(number, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
            return [.. formatted.Split([' ', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (NumberParseException)
        {
            // Not a number libphonenumber can read: 3s, the last group taking a leftover digit.
            return Chunk(value, 3);
        }
    }

    private static List<string> NameGroups(string value)
    {
        var groups = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '-' or '\'' or ' ')
            {
                if (i > start)
                {
                    groups.Add(value[start..i]);
                }

                groups.Add(value[i].ToString());
                start = i + 1;
            }
        }

        if (start < value.Length)
        {
            groups.Add(value[start..]);
        }

        return groups;
    }

    private static List<string> EmailGroups(string value)
    {
        var at = value.LastIndexOf('@');
        return at < 0 ? [value] : [value[..at], "@", value[(at + 1)..]];
    }

    private static List<string> Split(string value, params int[] sizes)
    {
        var groups = new List<string>();
        var start = 0;
        foreach (var size in sizes)
        {
            if (start >= value.Length)
            {
                break;
            }

            var take = Math.Min(size, value.Length - start);
            groups.Add(value.Substring(start, take));
            start += take;
        }

        if (start < value.Length)
        {
            groups.Add(value[start..]);
        }

        return groups;
    }

    private static List<string> Chunk(string value, int size)
    {
        var groups = value.Chunk(size).Select(c => new string(c)).ToList();
        if (groups.Count > 1 && groups[^1].Length == 1)
        {
            // A lone last character is easy to miss; it joins the group before it.
            groups[^2] += groups[^1];
            groups.RemoveAt(groups.Count - 1);
        }

        return groups;
    }
}
