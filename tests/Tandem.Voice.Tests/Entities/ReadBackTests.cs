using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class ReadBackTests
{
    [Theory]
    [InlineData(EntityKind.PhoneNumber, "+14155550123", "US", new[] { "415", "555", "0123" })]
    [InlineData(EntityKind.PhoneNumber, "+442079460123", "GB", new[] { "020", "7946", "0123" })]
    [InlineData(EntityKind.PhoneNumber, "+442079460123", "US", new[] { "+44", "20", "7946", "0123" })]
    [InlineData(EntityKind.PhoneNumber, "5550123", "US", new[] { "555", "0123" })]
    [InlineData(EntityKind.CardNumber, "4111111111111111", "US", new[] { "4111", "1111", "1111", "1111" })]
    [InlineData(EntityKind.CardNumber, "378282246310005", "US", new[] { "3782", "822463", "10005" })]
    [InlineData(EntityKind.CardNumber, "4111111111117", "US", new[] { "4111", "1111", "11117" })]
    [InlineData(EntityKind.OrderCode, "AB3D7K", "US", new[] { "AB3", "D7K" })]
    [InlineData(EntityKind.OrderCode, "7KY2ABCD", "US", new[] { "7KY2", "ABCD" })]
    [InlineData(EntityKind.OrderCode, "ABCDEFG", "US", new[] { "ABC", "DEFG" })]
    [InlineData(EntityKind.OrderCode, "ABCDE", "US", new[] { "ABC", "DE" })]
    [InlineData(EntityKind.OrderCode, "ABCDEFGHJK", "US", new[] { "ABC", "DEF", "GHJK" })]
    [InlineData(EntityKind.OrderCode, "ABCDEFGHJKMN", "US", new[] { "ABCD", "EFGH", "JKMN" })]
    [InlineData(EntityKind.Postcode, "SW1A 1AA", "GB", new[] { "SW1A", "1AA" })]
    [InlineData(EntityKind.Postcode, "90210-1234", "US", new[] { "90210", "1234" })]
    [InlineData(EntityKind.SpelledName, "O'BRIEN", "US", new[] { "O", "'", "BRIEN" })]
    [InlineData(EntityKind.SpelledName, "MARY-JANE", "US", new[] { "MARY", "-", "JANE" })]
    [InlineData(EntityKind.Email, "john.smith@example.com", "US", new[] { "john.smith", "@", "example.com" })]
    [InlineData(EntityKind.OrderCode, "", "US", new string[0])]
    public void Groups_CanonicalValue_SplitsForReadBack(EntityKind kind, string value, string region, string[] expected)
    {
        Assert.Equal(expected, ReadBack.Groups(kind, value, region));
    }

    [Theory]
    [InlineData(EntityKind.PhoneNumber, "+14155550123", "4 1 5, 5 5 5, 0 1 2 3")]
    [InlineData(EntityKind.PhoneNumber, "+442079460123", "plus 4 4, 2 0, 7 9 4 6, 0 1 2 3")]
    [InlineData(EntityKind.OrderCode, "AB3D7K", "A B as in Bravo 3, D as in Delta 7 K")]
    [InlineData(EntityKind.OrderCode, "7KY2", "7 K Y 2")]
    [InlineData(EntityKind.OrderCode, "MN5FS0", "M as in Mike N as in November 5, F as in Foxtrot S as in Sierra 0")]
    [InlineData(EntityKind.Postcode, "SW1A 1AA", "S as in Sierra W 1 A, 1 A A")]
    [InlineData(EntityKind.SpelledName, "O'BRIEN", "O, apostrophe, B R I E N")]
    [InlineData(EntityKind.Email, "john.smith@example.com", "J O H N dot S M I T H, at, example dot com")]
    [InlineData(EntityKind.Email, "jane_doe+news@mail.example.co.uk", "J A N E underscore D O E plus N E W S, at, mail dot example dot co dot uk")]
    public void Render_CanonicalValue_GivesWordsToSpeak(EntityKind kind, string value, string expected)
    {
        Assert.Equal(expected, ReadBack.Render(kind, value));
    }

    [Theory]
    [InlineData(EntityKind.CardNumber, true)]
    [InlineData(EntityKind.PhoneNumber, false)]
    [InlineData(EntityKind.OrderCode, false)]
    [InlineData(EntityKind.Postcode, false)]
    [InlineData(EntityKind.SpelledName, false)]
    [InlineData(EntityKind.Email, false)]
    public void IsSensitive_Kind_OnlyCardNumbers(EntityKind kind, bool expected)
    {
        Assert.Equal(expected, ReadBack.IsSensitive(kind));
    }

    [Fact]
    public void Render_CardNumber_RefusesAndSaysToAskAgain()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReadBack.Render(EntityKind.CardNumber, "4111111111111111"));

        Assert.Contains("never read back", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", error.Message, StringComparison.Ordinal);
    }
}
