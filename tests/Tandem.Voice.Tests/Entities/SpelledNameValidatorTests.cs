using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class SpelledNameValidatorTests
{
    private static readonly IEntityValidator Validator = EntityValidators.For(EntityKind.SpelledName);

    [Theory]
    [InlineData("SMITH")]
    [InlineData("O'BRIEN")]
    [InlineData("MARY-JANE")]
    [InlineData("MARY ANN")]
    [InlineData("JOSÉ")]
    [InlineData("NG")]
    public void Validate_GoodName_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Validator.Validate(value));
    }

    [Theory]
    [InlineData("", "name is empty")]
    [InlineData("S", "name has 1 letter; at least 2 are needed")]
    [InlineData("SM1TH", "name contains '1' at position 3; only letters, hyphens, apostrophes and spaces are allowed")]
    [InlineData("SMITH.", "name contains '.' at position 6; only letters, hyphens, apostrophes and spaces are allowed")]
    [InlineData("-SMITH", "name starts with '-'; a separator belongs between letters")]
    [InlineData("SMITH'", "name ends with '''; a separator belongs between letters")]
    [InlineData("MARY--JANE", "name has two separators in a row at position 5 ('--')")]
    [InlineData("O' BRIEN", "name has two separators in a row at position 2 ('' ')")]
    public void Validate_BadName_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Validator.Validate(value));
    }

    [Fact]
    public void Validate_LongerThanMaximum_InvalidNamingTheMaximum()
    {
        var validator = EntityValidators.For(EntityKind.SpelledName, new EntityOptions { MaxNameLength = 5 });

        Assert.Equal(ValidationResult.Invalid("name has 6 characters; at most 5 are allowed"), validator.Validate("SMITHS"));
        Assert.Equal(ValidationResult.Valid, validator.Validate("SMITH"));
    }
}
