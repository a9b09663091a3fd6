using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class PhoneNumberValidatorTests
{
    private static readonly IEntityValidator Us = EntityValidators.For(EntityKind.PhoneNumber);
    private static readonly IEntityValidator Gb = EntityValidators.For(EntityKind.PhoneNumber, new EntityOptions { DefaultRegion = "GB" });

    [Theory]
    [InlineData("+14155550123")]
    [InlineData("4155550123")]
    [InlineData("(415) 555-0123")]
    [InlineData("1-800-555-1212")]
    [InlineData("+442079460123")]
    public void Validate_UsRegionGoodNumber_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Us.Validate(value));
    }

    [Theory]
    [InlineData("+1555012345", "phone number has 9 digits; US numbers have 10")]
    [InlineData("415555012", "phone number has 9 digits; US numbers have 10")]
    [InlineData("41555501234", "phone number has 11 digits; US numbers have 10")]
    [InlineData("+11234567890", "phone number +1 1234567890 is not in any assigned US number range")]
    [InlineData("+999123456", "phone number '+999123456' starts with a country code that is not assigned")]
    [InlineData("415555012a", "phone number contains 'a' at position 10; only digits, separators and a leading + are allowed")]
    [InlineData("415+5550123", "phone number contains '+' at position 4; only digits, separators and a leading + are allowed")]
    [InlineData("", "phone number is empty")]
    public void Validate_UsRegionBadNumber_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Us.Validate(value));
    }

    [Theory]
    [InlineData("02079460123")]
    [InlineData("020 7946 0123")]
    [InlineData("+442079460123")]
    [InlineData("+14155550123")]
    public void Validate_GbRegionGoodNumber_Valid(string value)
    {
        Assert.Equal(ValidationResult.Valid, Gb.Validate(value));
    }

    [Theory]
    [InlineData("020794601234", "phone number has 11 digits; GB numbers have 7, 9 or 10 (not counting the country code or a leading 0)")]
    [InlineData("+447700900123", "phone number +44 7700 900123 is not in any assigned GB number range")]
    public void Validate_GbRegionBadNumber_InvalidWithReason(string value, string reason)
    {
        Assert.Equal(ValidationResult.Invalid(reason), Gb.Validate(value));
    }

    [Theory]
    [InlineData("+447700900123", "GB")]
    [InlineData("07700 900999", "GB")]
    [InlineData("+441632960001", "GB")]
    [InlineData("+12125550142", "US")]
    public void Validate_FictionalNumberAllowed_Valid(string value, string region)
    {
        var validator = EntityValidators.For(EntityKind.PhoneNumber, new EntityOptions { DefaultRegion = region, AllowFictionalNumbers = true });
        Assert.Equal(ValidationResult.Valid, validator.Validate(value));
    }

    [Theory]
    [InlineData("+447700901123", "GB")] // just past the drama block, and not assigned
    public void Validate_NearFictionalRangeWithFictionAllowed_StillInvalid(string value, string region)
    {
        var validator = EntityValidators.For(EntityKind.PhoneNumber, new EntityOptions { DefaultRegion = region, AllowFictionalNumbers = true });
        Assert.False(validator.Validate(value).IsValid);
    }
}
