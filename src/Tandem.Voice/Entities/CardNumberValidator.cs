namespace Tandem.Voice.Entities;

/// <summary>Card-like numbers: 12 to 19 digits passing the Luhn check; spaces and dashes between digits are tolerated.</summary>
internal sealed class CardNumberValidator : IEntityValidator
{
    public const int MinLength = 12;
    public const int MaxLength = 19;

    public EntityKind Kind => EntityKind.CardNumber;

    public ValidationResult Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return ValidationResult.Invalid($"card number contains '{c}' at position {i + 1}; only digits are allowed");
            }
        }

        if (digits.Length == 0)
        {
            return ValidationResult.Invalid("card number is empty");
        }

        if (digits.Length is < MinLength or > MaxLength)
        {
            return ValidationResult.Invalid($"card number has {digits.Length} digits; card numbers have {MinLength} to {MaxLength}");
        }

        return Luhn.IsValid(digits.ToString())
            ? ValidationResult.Valid
            : ValidationResult.Invalid("card number fails the Luhn check");
    }
}
