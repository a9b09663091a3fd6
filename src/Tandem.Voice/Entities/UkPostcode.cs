using System.Text.RegularExpressions;

namespace Tandem.Voice.Entities;

/// <summary>
/// UK postcode shape, after the UK Government Data Standards pattern (outward code A9, A99, AA9,
/// AA99, A9A or AA9A, the second letter never I or Z, plus GIR 0AA; inward code a digit then
/// two letters). The published regex is applied with its anchors fixed (its <c>^</c> bound only to
/// the GIR branch).
/// </summary>
internal static partial class UkPostcode
{
    /// <summary>Whether <paramref name="compact"/> (upper case, no space) is a UK postcode.</summary>
    public static bool IsMatch(string compact) => Pattern().IsMatch(compact);

    /// <summary>Whether <paramref name="outward"/> (upper case) is a UK outward code.</summary>
    public static bool IsOutwardMatch(string outward) => Outward().IsMatch(outward);

    /// <summary><paramref name="compact"/> with the space before its three-character inward code; shorter input is returned unchanged.</summary>
    public static string WithSpace(string compact) => compact.Length >= 5 ? $"{compact[..^3]} {compact[^3..]}" : compact;

    [GeneratedRegex("^(GIR0AA|(([A-Z][0-9]{1,2})|([A-Z][A-HJ-Y][0-9]{1,2})|([A-Z][0-9][A-Z])|([A-Z][A-HJ-Y][0-9][A-Z]?))[0-9][A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^(GIR|([A-Z][0-9]{1,2})|([A-Z][A-HJ-Y][0-9]{1,2})|([A-Z][0-9][A-Z])|([A-Z][A-HJ-Y][0-9][A-Z]?))$", RegexOptions.CultureInvariant)]
    private static partial Regex Outward();
}
