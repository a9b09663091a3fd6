namespace Tandem.Voice.Entities;

/// <summary>Order codes against a <see cref="CodeFormat"/>; letter case, spaces and dashes are tolerated.</summary>
internal sealed class OrderCodeValidator(CodeFormat format) : IEntityValidator
{
    public EntityKind Kind => EntityKind.OrderCode;

    public ValidationResult Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is not (' ' or '-'))
            {
                code.Append(char.ToUpperInvariant(c));
            }
        }

        if (code.Length == 0)
        {
            return ValidationResult.Invalid("code is empty");
        }

        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (!format.Contains(c))
            {
                return ValidationResult.Invalid($"code contains '{c}' at position {i + 1}, which is not in the code alphabet{Why(c)}");
            }
        }

        if (code.Length < format.MinLength || code.Length > format.MaxLength)
        {
            var expected = format.MinLength == format.MaxLength ? $"{format.MinLength}" : $"{format.MinLength} to {format.MaxLength}";
            return ValidationResult.Invalid($"code has {code.Length} characters; codes have {expected}");
        }

        if (format.HasCheckCharacter && !format.IsCheckCharacterValid(code.ToString()))
        {
            return ValidationResult.Invalid($"code fails its check character: '{code[^1]}' is not the check character of {code.ToString(0, code.Length - 1)}");
        }

        return ValidationResult.Valid;
    }

    // Names the look-alike that explains why an alphabet leaves a character out.
    private string Why(char c)
    {
        var lookAlikes = ConfusableLetters.SetOf(c).Where(o => o != c && format.Contains(o) && char.IsAsciiDigit(o) != char.IsAsciiDigit(c)).ToArray();
        return lookAlikes.Length == 0 ? "" : $" ({c} is easily confused with {string.Join(" or ", lookAlikes)})";
    }
}
