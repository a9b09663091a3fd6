using System.Text.RegularExpressions;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Corpus;

public static partial class SpokenRenderer
{
    /// <summary>The value as the groups a person pauses between, after checking it is canonical.</summary>
    private static string[] Groups(EntityKind kind, string value)
    {
        switch (kind)
        {
            case EntityKind.PhoneNumber when UsPhone().IsMatch(value):
                // National format: (415) 555-0123.
                return [value[2..5], value[5..8], value[8..]];
            case EntityKind.PhoneNumber when UkPhone().IsMatch(value):
                // National format with the trunk 0: 07700 900 123.
                var national = "0" + value[3..];
                return [national[..5], national[5..8], national[8..]];
            case EntityKind.PhoneNumber:
                throw NotCanonical(kind, value, "E.164 +1 followed by 10 digits, or +44 followed by 10 digits");
            case EntityKind.CardNumber when CardDigits().IsMatch(value):
                return Chunk(value, 4);
            case EntityKind.CardNumber:
                throw NotCanonical(kind, value, "12 to 19 digits");
            case EntityKind.OrderCode when CodeCharacters().IsMatch(value):
                return EvenGroups(value);
            case EntityKind.OrderCode:
                throw NotCanonical(kind, value, "upper-case letters and digits");
            case EntityKind.Postcode when IsUsZip(value):
                return [value];
            case EntityKind.Postcode when UkPostcode().IsMatch(value):
                return value.Split(' ');
            case EntityKind.Postcode:
                throw NotCanonical(kind, value, "a UK postcode with its inward space (SW1A 1AA) or a five-digit US ZIP");
            case EntityKind.SpelledName when SpelledName().IsMatch(value):
                return [value];
            case EntityKind.SpelledName:
                throw NotCanonical(kind, value, "upper-case letters, with single hyphens or apostrophes between them");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind.");
        }
    }

    private static bool IsUsZip(string value) => UsZip().IsMatch(value);

    private static ArgumentException NotCanonical(EntityKind kind, string value, string expected) =>
        new($"'{value}' is not a canonical {kind}: expected {expected}.", "canonicalValue");

    private static string[] Chunk(string value, int size) =>
        [.. Enumerable.Range(0, (value.Length + size - 1) / size).Select(i => value.Substring(i * size, Math.Min(size, value.Length - (i * size))))];

    /// <summary>Groups of at most four, as even as possible, longer first: 6 → 3-3, 7 → 4-3, 8 → 4-4, 9 → 3-3-3.</summary>
    private static string[] EvenGroups(string value)
    {
        var count = (value.Length + 3) / 4;
        var groups = new string[count];
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var size = (value.Length / count) + (i < value.Length % count ? 1 : 0);
            groups[i] = value.Substring(start, size);
            start += size;
        }

        return groups;
    }

    [GeneratedRegex(@"^\+1[2-9][0-9]{9}$")]
    private static partial Regex UsPhone();

    [GeneratedRegex(@"^\+44[1-9][0-9]{9}$")]
    private static partial Regex UkPhone();

    [GeneratedRegex(@"^[0-9]{12,19}$")]
    private static partial Regex CardDigits();

    [GeneratedRegex(@"^[A-Z0-9]+$")]
    private static partial Regex CodeCharacters();

    [GeneratedRegex(@"^[0-9]{5}$")]
    private static partial Regex UsZip();

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"^[A-Z]+([-'][A-Z]+)*$")]
    private static partial Regex SpelledName();
}
