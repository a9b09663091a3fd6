using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed partial class EntityNormalizerTests
{
    [Theory]
    [InlineData("A B C one two three", "ABC123")]
    [InlineData("ABC123", "ABC123")]
    [InlineData("abc-123", "ABC123")]
    [InlineData("A-B-C-1-2-3", "ABC123")]
    [InlineData("A. B. C. 1 2 3.", "ABC123")]
    [InlineData("alpha bravo charlie one two three", "ABC123")]
    [InlineData("alfa bravo charlie juliett kilo", "ABCJK")]
    [InlineData("the code is x-ray yankee zulu nine", "XYZ9")]
    [InlineData("x ray seven", "X7")]
    [InlineData("xray seven", "X7")]
    [InlineData("B as in boy, seven, K, nine", "B7K9")]
    [InlineData("B for bravo seven", "B7")]
    [InlineData("B like bravo seven", "B7")]
    [InlineData("bee see dee four", "BCD4")]
    [InlineData("gee jay kay em en", "GJKMN")]
    [InlineData("pea queue are ess tee", "PQRST")]
    [InlineData("pee cue ar ess tea", "PQRST")]
    [InlineData("you vee double you ex why zed", "UVWXYZ")]
    [InlineData("u vee double-u ex wye zee", "UVWXYZ")]
    [InlineData("see sea", "CC")]
    [InlineData("double b seven seven", "BB77")]
    [InlineData("triple seven kay", "777K")]
    [InlineData("capital A lower case b three", "AB3")]
    [InlineData("upper case kay small m two", "KM2")]
    [InlineData("um the code is uh seven kay why two", "7KY2")]
    [InlineData("seven kay why two thank you", "7KY2")]
    [InlineData("A B C, no, D one two", "ABD12")]
    [InlineData("A for five", "A45")]
    [InlineData("twenty three kay", "23K")]
    [InlineData("it should be K seven", "K7")]
    [InlineData("Q seven, space, N four", "Q7N4")]
    public void Normalize_OrderCode_GivesUpperCaseWithoutSeparators(string transcript, string expected)
    {
        Assert.Equal(expected, Us.Normalize(EntityKind.OrderCode, transcript).Value);
    }

    [Theory]
    [InlineData("oh seven seven kay", "077K", NormalizationFlags.None)]
    [InlineData("double oh seven", "007", NormalizationFlags.None)]
    [InlineData("oscar seven seven kay", "077K", NormalizationFlags.MappedToAlphabet)]
    [InlineData("india five", "15", NormalizationFlags.MappedToAlphabet)]
    [InlineData("el two", "12", NormalizationFlags.MappedToAlphabet)]
    [InlineData("O as in Oscar seven", "07", NormalizationFlags.MappedToAlphabet | NormalizationFlags.UsedSpelledOverride)]
    public void Normalize_CodeWithDefaultAlphabet_MapsConfusablesToDigits(string transcript, string expected, NormalizationFlags flags)
    {
        var result = Us.Normalize(EntityKind.OrderCode, transcript);

        Assert.Equal(expected, result.Value);
        Assert.Equal(flags, result.Flags);
    }

    [Theory]
    [InlineData("oh one", "OI")]
    [InlineData("one zero A", "IOA")]
    [InlineData("A B oh", "ABO")]
    public void Normalize_CodeWithLettersOnlyAlphabet_MapsDigitsToLetters(string transcript, string expected)
    {
        var letters = new EntityNormalizer(new EntityOptions { CodeFormat = new CodeFormat("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 10) });

        Assert.Equal(expected, letters.Normalize(EntityKind.OrderCode, transcript).Value);
    }

    [Theory]
    [InlineData("seven oh seven", "707", false)]
    [InlineData("A oh B", "AOB", false)]
    [InlineData("A oh seven", "A07", true)]
    [InlineData("seven oh bee", "7OB", true)]
    [InlineData("oh", "0", true)]
    public void Normalize_CodeAlphabetWithBothOAndZero_DecidesByNeighbours(string transcript, string expected, bool ambiguous)
    {
        var both = new EntityNormalizer(new EntityOptions { CodeFormat = new CodeFormat("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 10) });

        var result = both.Normalize(EntityKind.OrderCode, transcript);

        Assert.Equal(expected, result.Value);
        Assert.Equal(ambiguous, result.Has(NormalizationFlags.AmbiguousTokens));
    }

    [Fact]
    public void Normalize_OverrideDisagreesWithHeardLetter_WordDecidesAndIsMarked()
    {
        var result = Us.Normalize(EntityKind.OrderCode, "P as in bravo seven");

        Assert.Equal("B7", result.Value);
        Assert.True(result.Has(NormalizationFlags.UsedSpelledOverride | NormalizationFlags.AmbiguousTokens));
        var token = Assert.Single(result.AmbiguousTokens);
        Assert.Equal(("p as in bravo", "B", TokenRole.Letters), (token.Spoken, token.Output, token.Role));
    }

    [Fact]
    public void Normalize_OverrideAgreesWithHeardLetter_NotAmbiguous()
    {
        var result = Us.Normalize(EntityKind.OrderCode, "B as in boy");

        Assert.Equal("B", result.Value);
        Assert.Equal(NormalizationFlags.UsedSpelledOverride, result.Flags);
    }

    [Theory]
    [InlineData("as in bravo seven", "B7")]
    [InlineData("AB as in boy seven", "AB7")]
    [InlineData("AP as in boy seven", "AB7")]
    public void Normalize_OverrideWithoutSeparateLetter_WordDecides(string transcript, string expected)
    {
        var result = Us.Normalize(EntityKind.OrderCode, transcript);

        Assert.Equal(expected, result.Value);
        Assert.True(result.Has(NormalizationFlags.UsedSpelledOverride));
    }

    [Theory]
    [InlineData("four one one one one one one one one one one one one one one one", "4111111111111111")]
    [InlineData("4111 1111 1111 1111", "4111111111111111")]
    [InlineData("I'll read it out to four one one one, one one one one, one one one one, one one one one", "4111111111111111")]
    [InlineData("4111-1111-1111-1111", "4111111111111111")]
    [InlineData("my card number is 4111 1111 1111 1111", "4111111111111111")]
    [InlineData("forty one eleven, eleven eleven, eleven eleven, eleven eleven", "4111111111111111")]
    [InlineData("four one one one, quadruple one, quadruple one, one one one one", "4111111111111111")]
    [InlineData("four two four two, four two four two, four two four two, four two four two", "4242424242424242")]
    [InlineData("three seven eight two, eight two two four six three, one oh oh oh five", "378282246310005")]
    [InlineData("five five five five, five five five five, five five five five, four four four four", "5555555555554444")]
    [InlineData("six oh one one, one one one one, one one one one, one one one seven", "6011111111111117")]
    public void Normalize_CardNumber_GivesDigitsOnly(string transcript, string expected)
    {
        Assert.Equal(expected, Us.Normalize(EntityKind.CardNumber, transcript).Value);
    }
}
