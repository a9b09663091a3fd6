using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed partial class EntityNormalizerTests
{
    [Theory]
    [InlineData("S W one A one A A", "SW1A 1AA")]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("sw1a 1aa", "SW1A 1AA")]
    [InlineData("my postcode is SW1A1AA", "SW1A 1AA")]
    [InlineData("sierra whiskey one alpha, one alpha alpha", "SW1A 1AA")]
    [InlineData("M one one A E", "M1 1AE")]
    [InlineData("bee three three, eight tee aitch", "B33 8TH")]
    [InlineData("E C one A, one B B", "EC1A 1BB")]
    [InlineData("oh ex four, one dee why", "OX4 1DY")]
    [InlineData("oh el one, one A A", "OL1 1AA")]
    [InlineData("W one A, oh A X", "W1A 0AX")]
    [InlineData("G I R oh A A", "GIR 0AA")]
    [InlineData("C R two, six X H", "CR2 6XH")]
    public void Normalize_UkPostcode_GivesUpperCaseWithInwardSpace(string transcript, string expected)
    {
        Assert.Equal(expected, Uk.Normalize(EntityKind.Postcode, transcript).Value);
    }

    [Theory]
    [InlineData("nine oh two one oh", "90210")]
    [InlineData("my zip is 90210", "90210")]
    [InlineData("nine oh two one oh dash one two three four", "90210-1234")]
    [InlineData("902101234", "90210-1234")]
    [InlineData("90210-1234", "90210-1234")]
    [InlineData("one oh double oh one", "10001")]
    [InlineData("nine oh two", "902")]
    public void Normalize_UsZip_GivesFiveOrZipPlusFour(string transcript, string expected)
    {
        Assert.Equal(expected, Us.Normalize(EntityKind.Postcode, transcript).Value);
    }

    [Fact]
    public void Normalize_UkPostcodeOhFitsPatternOneWay_NotAmbiguous()
    {
        var result = Uk.Normalize(EntityKind.Postcode, "oh ex four one dee why");

        Assert.False(result.Has(NormalizationFlags.AmbiguousTokens));
        Assert.Equal(new NormalizedToken("oh", "O", TokenRole.Letters), result.Tokens[0]);
    }

    [Fact]
    public void Normalize_UkPostcodeOhFitsBothWays_PrefersDigitAndMarks()
    {
        // N10 1AA (outward A99) and N1O 1AA (outward A9A) both fit the pattern.
        var result = Uk.Normalize(EntityKind.Postcode, "N one oh, one A A");

        Assert.Equal("N10 1AA", result.Value);
        Assert.True(result.Has(NormalizationFlags.AmbiguousTokens));
    }

    [Fact]
    public void Normalize_UkPostcodeOhFitsNoReading_MarkedAmbiguous()
    {
        var result = Uk.Normalize(EntityKind.Postcode, "oh oh oh");

        Assert.True(result.Has(NormalizationFlags.AmbiguousTokens));
    }

    [Fact]
    public void Normalize_PostcodeOutsideUsAndGb_ThrowsNamingTheRegion()
    {
        var normalizer = new EntityNormalizer(new EntityOptions { DefaultRegion = "FR" });

        var error = Assert.Throws<ArgumentException>(() => normalizer.Normalize(EntityKind.Postcode, "75001"));
        Assert.Contains("'FR'", error.Message, StringComparison.Ordinal);
    }
}
