using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class PostcodeValidatorTests
{
    private static readonly IEntityValidator Uk = EntityValidators.For(EntityKind.Postcode, new EntityOptions { DefaultRegion = "UK" });
    private static readonly IEntityValidator Us = EntityValidators.For(EntityKind.Postcode);

    [Theory]
    [InlineData("SW1A 1AA")]
    [InlineData("sw1a1aa")]
    [InlineData("M1 1AE")]
    [InlineData("B33 8TH")]
    [InlineData("CR2 6XH")]
    [InlineData("DN55 1PT")]
    [InlineData("EC1A 1BB")]
    [InlineData("W1A 0AX")]
    [InlineData("OX4 1DY")]
    [InlineData("GIR 0AA")]
    public void Validate_UkGoodPostcode_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Uk.Validate(value));
    }

    [Theory]
    [InlineData("", "postcode is empty")]
    [InlineData("SW1A 1A", "postcode inward code 'A1A' must be a digit then two letters")]
    [InlineData("SW1A 1A1", "postcode inward code '1A1' must be a digit then two letters")]
    [InlineData("SW1A-1AA", "postcode contains '-' at position 5; UK postcodes are letters and digits")]
    [InlineData("QZ1 1AA", "postcode outward code 'QZ1' is not a UK outward code (like SW1A, M1 or B33)")]
    [InlineData("1W1 1AA", "postcode outward code '1W1' is not a UK outward code (like SW1A, M1 or B33)")]
    [InlineData("SW1A 1AAA", "postcode has 8 characters; UK postcodes have 5 to 7 (not counting the space)")]
    [InlineData("W1 A", "postcode has 3 characters; UK postcodes have 5 to 7 (not counting the space)")]
    public void Validate_UkBadPostcode_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Uk.Validate(value));
    }

    [Theory]
    [InlineData("90210")]
    [InlineData("90210-1234")]
    [InlineData("902101234")]
    [InlineData("00501")]
    public void Validate_UsGoodZip_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Us.Validate(value));
    }

    [Theory]
    [InlineData("", "ZIP code is empty")]
    [InlineData("9021", "ZIP code has 4 digits; ZIP codes have 5 (or 9 as ZIP+4)")]
    [InlineData("9021012", "ZIP code has 7 digits; ZIP codes have 5 (or 9 as ZIP+4)")]
    [InlineData("9021O", "ZIP code contains 'O' at position 5; ZIP codes are 5 digits, or ZIP+4 as 12345-6789")]
    [InlineData("9021-01234", "ZIP code contains '-' at position 5; ZIP codes are 5 digits, or ZIP+4 as 12345-6789")]
    [InlineData("90210-", "ZIP code ends with a dash and no +4 digits")]
    [InlineData("00000", "ZIP code 00000 is not assigned")]
    [InlineData("SW1A 1AA", "ZIP code contains 'S' at position 1; ZIP codes are 5 digits, or ZIP+4 as 12345-6789")]
    public void Validate_UsBadZip_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Us.Validate(value));
    }
}
