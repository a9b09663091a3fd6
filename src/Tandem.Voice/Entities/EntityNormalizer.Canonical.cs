using PhoneNumbers;

namespace Tandem.Voice.Entities;

/// <summary>Canonical formatting per kind.</summary>
public sealed partial class EntityNormalizer
{
    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// E.164 when libphonenumber reads <paramref name="heard"/> (digits, maybe a leading +) as a
    /// number of possible length in <paramref name="region"/>; otherwise the digits as heard, so a
    /// partial capture is not dressed up as a full number.
    /// </summary>
    internal static string CanonicalPhone(string heard, string region)
    {
        if (heard.Length == 0)
        {
            return heard;
        }

        try
        {
            var number = PhoneUtil.Parse(heard, region);
            return PhoneUtil.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                ? PhoneUtil.Format(number, PhoneNumberFormat.E164)
                : heard;
        }
        catch (NumberParseException)
        {
            return heard;
        }
    }

    private static string CanonicalZip(string digits) => digits.Length == 9 ? $"{digits[..5]}-{digits[5..]}" : digits;

    /// <summary>Spelled letters (with hyphen, apostrophe, space) decide; whole words only when nothing was spelled.</summary>
    private static string CanonicalName(List<Piece> pieces, ref NormalizationFlags flags)
    {
        var spelled = pieces.Any(p => p.IsValue && p.Role == TokenRole.Letters);
        var name = new System.Text.StringBuilder();
        var lastWasWord = false;
        foreach (var piece in pieces.Where(p => p.IsValue))
        {
            if (piece.Role == TokenRole.Word)
            {
                if (spelled)
                {
                    piece.Output = "";
                    piece.AddNote("not used: the spelled letters decide");
                    continue;
                }

                flags |= NormalizationFlags.UsedWholeWords;
                name.Append(lastWasWord ? " " : "").Append(piece.Output);
                lastWasWord = true;
                continue;
            }

            name.Append(piece.Output.ToUpperInvariant());
            lastWasWord = false;
        }

        // Spoken "space" at the ends or twice in a row is noise, not part of the name.
        return string.Join(' ', name.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
