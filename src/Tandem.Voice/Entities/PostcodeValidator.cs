namespace Tandem.Voice.Entities;

/// <summary>
/// UK postcodes (official pattern; case and the inward space are tolerated) or US ZIP codes
/// (five digits, or ZIP+4 as nine digits with or without the dash).
/// </summary>
internal sealed class PostcodeValidator(bool uk) : IEntityValidator
{
    public EntityKind Kind => EntityKind.Postcode;

    public ValidationResult Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
        {
            return ValidationResult.Invalid(uk ? "postcode is empty" : "ZIP code is empty");
        }

        return uk ? ValidateUk(text) : ValidateZip(text);
    }

    private static ValidationResult ValidateUk(string text)
    {
        var compact = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return ValidationResult.Invalid($"postcode contains '{c}' at position {i + 1}; UK postcodes are letters and digits");
            }

            compact.Append(char.ToUpperInvariant(c));
        }

        var code = compact.ToString();
        if (code.Length is < 5 or > 7)
        {
            return ValidationResult.Invalid($"postcode has {code.Length} characters; UK postcodes have 5 to 7 (not counting the space)");
        }

        if (UkPostcode.IsMatch(code))
        {
            return ValidationResult.Valid;
        }

        var inward = code[^3..];
        if (!char.IsAsciiDigit(inward[0]) || !char.IsAsciiLetter(inward[1]) || !char.IsAsciiLetter(inward[2]))
        {
            return ValidationResult.Invalid($"postcode inward code '{inward}' must be a digit then two letters");
        }

        return ValidationResult.Invalid($"postcode outward code '{code[..^3]}' is not a UK outward code (like SW1A, M1 or B33)");
    }

    private static ValidationResult ValidateZip(string text)
    {
        var digits = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c != '-' || i != 5)
            {
                return ValidationResult.Invalid($"ZIP code contains '{c}' at position {i + 1}; ZIP codes are 5 digits, or ZIP+4 as 12345-6789");
            }
        }

        if (digits.Length is not (5 or 9))
        {
            return ValidationResult.Invalid($"ZIP code has {digits.Length} digits; ZIP codes have 5 (or 9 as ZIP+4)");
        }

        if (text.Length == 6)
        {
            return ValidationResult.Invalid("ZIP code ends with a dash and no +4 digits");
        }

        return digits.ToString(0, 5) == "00000"
            ? ValidationResult.Invalid("ZIP code 00000 is not assigned")
            : ValidationResult.Valid;
    }
}
