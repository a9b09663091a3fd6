namespace Tandem.Voice.Entities;

/// <summary>Spelled names: letters with single hyphens, apostrophes or spaces between them, within length bounds.</summary>
internal sealed class SpelledNameValidator(int minLength, int maxLength) : IEntityValidator
{
    public EntityKind Kind => EntityKind.SpelledName;

    public ValidationResult Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return ValidationResult.Invalid("name is empty");
        }

        var letters = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsLetter(c))
            {
                letters++;
                continue;
            }

            if (!IsSeparator(c))
            {
                return ValidationResult.Invalid($"name contains '{c}' at position {i + 1}; only letters, hyphens, apostrophes and spaces are allowed");
            }

            if (i == 0 || i == value.Length - 1)
            {
                return ValidationResult.Invalid($"name {(i == 0 ? "starts" : "ends")} with '{c}'; a separator belongs between letters");
            }

            if (IsSeparator(value[i - 1]))
            {
                return ValidationResult.Invalid($"name has two separators in a row at position {i} ('{value[i - 1]}{c}')");
            }
        }

        if (value.Length > maxLength)
        {
            return ValidationResult.Invalid($"name has {value.Length} characters; at most {maxLength} are allowed");
        }

        return letters < minLength
            ? ValidationResult.Invalid($"name has {letters} letter{(letters == 1 ? "" : "s")}; at least {minLength} are needed")
            : ValidationResult.Valid;
    }

    private static bool IsSeparator(char c) => c is '-' or '\'' or ' ';
}
