using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class CardNumberValidatorTests
{
    private static readonly IEntityValidator Validator = EntityValidators.For(EntityKind.CardNumber);

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("378282246310005")]
    [InlineData("411111111117")]
    [InlineData("6011111111111111110")]
    public void Validate_LuhnValidNumberOfCardLength_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Validator.Validate(value));
    }

    [Theory]
    [InlineData("4111111111111112", "card number fails the Luhn check")]
    [InlineData("4111111111111121", "card number fails the Luhn check")]
    [InlineData("41111111111", "card number has 11 digits; card numbers have 12 to 19")]
    [InlineData("60111111111111111116", "card number has 20 digits; card numbers have 12 to 19")]
    [InlineData("4111 1111 1111 111X", "card number contains 'X' at position 19; only digits are allowed")]
    [InlineData("", "card number is empty")]
    [InlineData(" - ", "card number is empty")]
    public void Validate_BadNumber_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Validator.Validate(value));
    }
}
