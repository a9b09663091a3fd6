using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class OrderCodeValidatorTests
{
    private static readonly IEntityValidator Default = EntityValidators.For(EntityKind.OrderCode);

    [Theory]
    [InlineData("7KY2")]
    [InlineData("ab12cd")]
    [InlineData("AB-12-CD")]
    [InlineData("0123456789AB")]
    public void Validate_DefaultFormatGoodCode_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Default.Validate(value));
    }

    [Theory]
    [InlineData("", "code is empty")]
    [InlineData("AB0O", "code contains 'O' at position 4, which is not in the code alphabet (O is easily confused with 0)")]
    [InlineData("ABI1", "code contains 'I' at position 3, which is not in the code alphabet (I is easily confused with 1)")]
    [InlineData("L234", "code contains 'L' at position 1, which is not in the code alphabet (L is easily confused with 1)")]
    [InlineData("AB#1", "code contains '#' at position 3, which is not in the code alphabet")]
    [InlineData("ABC", "code has 3 characters; codes have 4 to 12")]
    [InlineData("0123456789ABC", "code has 13 characters; codes have 4 to 12")]
    public void Validate_DefaultFormatBadCode_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Default.Validate(value));
    }

    [Theory]
    [InlineData("1230", null)]
    [InlineData("79927398713", null)]
    [InlineData("1231", "code fails its check character: '1' is not the check character of 123")]
    [InlineData("79927398731", "code fails its check character: '1' is not the check character of 7992739873")]
    [InlineData("123", "code has 3 characters; codes have 4 to 12")]
    public void Validate_CheckCharacterFormat_ChecksTheLastCharacter(string value, string? reason)
    {
        var validator = EntityValidators.For(EntityKind.OrderCode, new EntityOptions { CodeFormat = new CodeFormat("0123456789", 4, 12, hasCheckCharacter: true) });

        Assert.Equal(new ValidationResult(reason is null, reason), validator.Validate(value));
    }

    [Fact]
    public void Validate_FixedLength_ReasonNamesOneLength()
    {
        var validator = EntityValidators.For(EntityKind.OrderCode, new EntityOptions { CodeFormat = new CodeFormat("ABCDEFGH", 6, 6) });

        Assert.Equal(ValidationResult.Invalid("code has 5 characters; codes have 6"), validator.Validate("ABCDE"));
    }
}
