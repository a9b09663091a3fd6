using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class EntityValidatorsTests
{
    [Theory]
    [InlineData(EntityKind.PhoneNumber)]
    [InlineData(EntityKind.OrderCode)]
    [InlineData(EntityKind.CardNumber)]
    [InlineData(EntityKind.Postcode)]
    [InlineData(EntityKind.SpelledName)]
    [InlineData(EntityKind.Email)]
    public void For_EveryKind_GivesValidatorOfThatKind(EntityKind kind)
    {
        Assert.Equal(kind, EntityValidators.For(kind).Kind);
    }

    [Fact]
    public void For_PostcodeRegionNotImplemented_ThrowsNamingTheRegion()
    {
        var error = Assert.Throws<ArgumentException>(() => EntityValidators.For(EntityKind.Postcode, new EntityOptions { DefaultRegion = "DE" }));

        Assert.Contains("'DE'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_UndefinedKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EntityValidators.For((EntityKind)42));
    }

    [Fact]
    public void Validate_Null_Throws()
    {
        Assert.All(Enum.GetValues<EntityKind>(), kind => Assert.Throws<ArgumentNullException>(() => EntityValidators.For(kind).Validate(null!)));
    }

    [Theory]
    [InlineData(EntityKind.PhoneNumber, "four one five five five five oh one two three")]
    [InlineData(EntityKind.OrderCode, "seven kay why two bravo")]
    [InlineData(EntityKind.CardNumber, "four one one one, one one one one, one one one one, one one one one")]
    [InlineData(EntityKind.Postcode, "nine oh two one oh")]
    [InlineData(EntityKind.SpelledName, "O apostrophe B R I E N")]
    [InlineData(EntityKind.Email, "j o h n dot smith at example dot com")]
    public void Validate_NormalizedSpokenValue_IsValid(EntityKind kind, string transcript)
    {
        var value = new EntityNormalizer().Normalize(kind, transcript).Value;

        Assert.Equal(ValidationResult.Valid, EntityValidators.For(kind).Validate(value));
    }
}
