using PhoneNumbers;

namespace Tandem.Voice.Entities;

/// <summary>
/// Phone numbers through libphonenumber: a number without a country code is read in the default
/// region; its length must be possible and its digits must fall in an assigned range.
/// </summary>
internal sealed class PhoneNumberValidator(string defaultRegion, bool allowFictional = false) : IEntityValidator
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public EntityKind Kind => EntityKind.PhoneNumber;

    public ValidationResult Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
        {
            return ValidationResult.Invalid("phone number is empty");
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.' || (c == '+' && i == 0);
            if (!allowed)
            {
                return ValidationResult.Invalid($"phone number contains '{c}' at position {i + 1}; only digits, separators and a leading + are allowed");
            }
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(text, defaultRegion);
        }
        catch (NumberParseException e)
        {
            return ValidationResult.Invalid(e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => $"phone number '{text}' starts with a country code that is not assigned",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => $"phone number '{text}' is too short to be a number",
                ErrorType.TOO_LONG => $"phone number '{text}' is too long to be a number",
                _ => $"phone number '{text}' is not a number",
            });
        }

        var region = Util.GetRegionCodeForCountryCode(number.CountryCode);
        var digits = Util.GetNationalSignificantNumber(number).Length;
        switch (Util.IsPossibleNumberWithReason(number))
        {
            case PhoneNumberUtil.ValidationResult.IS_POSSIBLE:
                break;
            case PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                return ValidationResult.Invalid($"phone number's country code +{number.CountryCode} is not assigned");
            default:
                return ValidationResult.Invalid($"phone number has {digits} digit{(digits == 1 ? "" : "s")}; {region} numbers have {Lengths(region, number.CountryCode)}");
        }

        return Util.IsValidNumber(number) || (allowFictional && IsFictional(number))
            ? ValidationResult.Valid
            : ValidationResult.Invalid($"phone number {Util.Format(number, PhoneNumberFormat.INTERNATIONAL)} is not in any assigned {region} number range");
    }

    /// <summary>The ranges reserved for fiction (see <see cref="EntityOptions.AllowFictionalNumbers"/>), by national significant number.</summary>
    internal static bool IsFictional(PhoneNumber number)
    {
        var national = Util.GetNationalSignificantNumber(number);
        return number.CountryCode switch
        {
            1 => national.Length == 10 && national.AsSpan(3, 5).SequenceEqual("55501"),
            44 => national.Length == 10 && (national.StartsWith("7700900", StringComparison.Ordinal)
                || national.StartsWith("1134960", StringComparison.Ordinal)
                || national.StartsWith("1614960", StringComparison.Ordinal)
                || national.StartsWith("2079460", StringComparison.Ordinal)
                || national.StartsWith("1632960", StringComparison.Ordinal)),
            _ => false,
        };
    }

    // The national significant lengths, in words; outside the NANP people count the trunk 0 too,
    // so the sentence says what is counted.
    private static string Lengths(string region, int countryCode)
    {
        var lengths = Util.GetMetadataForRegion(region)?.GeneralDesc.PossibleLengthList ?? [];
        var list = lengths.Count switch
        {
            0 => "another length",
            1 => $"{lengths[0]}",
            _ => $"{string.Join(", ", lengths.Take(lengths.Count - 1))} or {lengths[^1]}",
        };
        return countryCode == 1 ? list : $"{list} (not counting the country code or a leading 0)";
    }
}
