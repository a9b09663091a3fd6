using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class EmailValidatorTests
{
    private static readonly IEntityValidator Validator = EntityValidators.For(EntityKind.Email);

    [Theory]
    [InlineData("john.smith@example.com")]
    [InlineData("john_doe+news@mail.example.co.uk")]
    [InlineData("a@b.io")]
    [InlineData("o'brien@example.ie")]
    [InlineData("user@example.xn--p1ai")]
    [InlineData("agent007@example.com")]
    public void Validate_GoodAddress_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Validator.Validate(value));
    }

    [Theory]
    [InlineData("", "email address is empty")]
    [InlineData("john.example.com", "email address has no @")]
    [InlineData("john@@example.com", "email address has more than one @")]
    [InlineData("@example.com", "email address has nothing before the @")]
    [InlineData("john@", "email address has no domain after the @")]
    [InlineData("john smith@example.com", "email address contains a space at position 5")]
    [InlineData("john..smith@example.com", "email address 'john..smith@example.com' is not a valid address (RFC 5322)")]
    [InlineData("<john@example.com>", "email address contains '<' at position 1; only a bare address (no name, brackets or quotes) is accepted")]
    [InlineData("\"john\"@example.com", "email address contains '\"' at position 1; only a bare address (no name, brackets or quotes) is accepted")]
    [InlineData("john.@example.com", "email address 'john.@example.com' is not a valid address (RFC 5322)")]
    [InlineData("john@localhost", "email domain 'localhost' has no dot")]
    [InlineData("john@example.c", "email domain ends in '.c'; a top-level domain is 2 to 63 letters")]
    [InlineData("john@example.c0m", "email domain ends in '.c0m'; a top-level domain is 2 to 63 letters")]
    public void Validate_BadAddress_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Validator.Validate(value));
    }
}
