using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("79927398713")]
    [InlineData("4111111111111111")]
    [InlineData("4242424242424242")]
    [InlineData("5555555555554444")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("4532015112830366")]
    [InlineData("411111111117")]
    [InlineData("6011111111111111110")]
    [InlineData("00")]
    public void IsValid_KnownGoodNumbers_True(string digits)
    {
        Assert.True(Luhn.IsValid(digits));
    }

    [Theory]
    [InlineData("79927398710")]
    [InlineData("4111111111111112")]
    [InlineData("4111111111111121")]
    [InlineData("1234567812345678")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("411111111111111a")]
    public void IsValid_BadChecksumOrNotDigits_False(string digits)
    {
        Assert.False(Luhn.IsValid(digits));
    }

    [Theory]
    [InlineData("7992739871", '3')]
    [InlineData("411111111111111", '1')]
    [InlineData("37828224631000", '5')]
    [InlineData("41111111111", '7')]
    [InlineData("123", '0')]
    [InlineData("1", '8')]
    [InlineData("0", '0')]
    public void ComputeCheckDigit_KnownPayloads_GivesCheckDigit(string payload, char expected)
    {
        Assert.Equal(expected, Luhn.ComputeCheckDigit(payload));
        Assert.True(Luhn.IsValid(payload + expected));
    }

    [Fact]
    public void ComputeCheckDigit_NonDigit_ThrowsNamingCharacterAndPosition()
    {
        var error = Assert.Throws<ArgumentException>(() => Luhn.ComputeCheckDigit("12a4"));

        Assert.Contains("'a' at position 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeCheckDigit_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => Luhn.ComputeCheckDigit(""));
    }
}
