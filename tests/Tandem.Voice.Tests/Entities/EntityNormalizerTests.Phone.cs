using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed partial class EntityNormalizerTests
{
    [Theory]
    [InlineData("four one five five five five oh one two three", "+14155550123")]
    [InlineData("my number is 415-555-0123", "+14155550123")]
    [InlineData("My number is 415-555-0123.", "+14155550123")]
    [InlineData("(415) 555-0123", "+14155550123")]
    [InlineData("+1 415 555 0123", "+14155550123")]
    [InlineData("plus one four one five five five five oh one two three", "+14155550123")]
    [InlineData("one four one five five five five zero one two three", "+14155550123")]
    [InlineData("four one five, double five five, oh one two three", "+14155550123")]
    [InlineData("four one five triple five oh one two three", "+14155550123")]
    [InlineData("four one five treble five o one two three", "+14155550123")]
    [InlineData("four fifteen, five fifty five, oh one twenty three", "+14155550123")]
    [InlineData("four one five, five fifty-five, oh one two three", "+14155550123")]
    [InlineData("Four one five. Five five five. Zero one two three.", "+14155550123")]
    [InlineData("it's uh four one five um five five five oh one two three okay", "+14155550123")]
    [InlineData("the number is 415 555 oh one two three", "+14155550123")]
    [InlineData("415 double 5 5 0123", "+14155550123")]
    [InlineData("one eight hundred five five five one two one two", "+18005551212")]
    [InlineData("eight hundred, five five five, twelve twelve", "+18005551212")]
    [InlineData("four one five, two hundred and five, one two three four", "+14152051234")]
    [InlineData("four one five five five five five thousand", "+14155555000")]
    [InlineData("nine one seven, five five five, twenty three forty five", "+19175552345")]
    [InlineData("four one five five five five oh one to three", "+14155550123")]
    [InlineData("four one five five five five oh one two four, no, three", "+14155550123")]
    [InlineData("four one five five five five oh one two four sorry I said three", "+14155550123")]
    [InlineData("four one five five five five oh one two four I mean three", "+14155550123")]
    [InlineData("555-0123", "5550123")]
    [InlineData("four one five five five five oh one two", "415555012")]
    [InlineData("", "")]
    [InlineData("uh I don't know", "")]
    public void Normalize_PhoneUs_GivesE164(string transcript, string expected)
    {
        Assert.Equal(expected, Us.Normalize(EntityKind.PhoneNumber, transcript).Value);
    }

    [Theory]
    [InlineData("oh two oh seven nine four six oh one two three", "+442079460123")]
    [InlineData("020 7946 0123", "+442079460123")]
    [InlineData("double oh four four, two oh seven nine, four six oh one two three", "+442079460123")]
    [InlineData("plus four four twenty seventy nine four six oh one two three", "+442079460123")]
    [InlineData("oh seven seven hundred, nine hundred one two three", "+447700900123")]
    [InlineData("nought two nought seven nine four six nought one two three", "+442079460123")]
    public void Normalize_PhoneUk_GivesE164(string transcript, string expected)
    {
        Assert.Equal(expected, Uk.Normalize(EntityKind.PhoneNumber, transcript).Value);
    }

    [Fact]
    public void Normalize_PhoneWithLettersAndWords_DropsThemAndFlags()
    {
        var result = Us.Normalize(EntityKind.PhoneNumber, "four one five banana five five five oh one two three");

        Assert.Equal("+14155550123", result.Value);
        Assert.True(result.Has(NormalizationFlags.UnrecognisedWords));
        Assert.Equal(["banana"], result.UnrecognisedWords);
    }

    [Fact]
    public void Normalize_HundredThenTens_SeparateGroupsMarkedAmbiguous()
    {
        var result = Us.Normalize(EntityKind.PhoneNumber, "eight hundred fifty five five one two one two");

        // 800 55 5 1212; US speech may have meant 855 5 1212, hence the mark.
        Assert.Equal("+18005551212", result.Value);
        var ambiguous = Assert.Single(result.AmbiguousTokens);
        Assert.Equal("eight hundred", ambiguous.Spoken);
        Assert.Equal("800", ambiguous.Output);
    }

    [Fact]
    public void Normalize_HomophoneBetweenDigits_ReadAsDigitAndMarked()
    {
        var result = Us.Normalize(EntityKind.PhoneNumber, "four one five for five five oh one two three");

        Assert.Equal("+14154550123", result.Value);
        var token = Assert.Single(result.AmbiguousTokens);
        Assert.Equal(("for", "4"), (token.Spoken, token.Output));
    }

    [Fact]
    public void Normalize_DoubleOhInPhone_TraceShowsOneUnit()
    {
        var result = Uk.Normalize(EntityKind.PhoneNumber, "my number is double oh four four two oh seven nine four six oh one two three");

        Assert.Equal("+442079460123", result.Value);
        var first = result.Tokens.First(t => t.Role == TokenRole.Digits);
        Assert.Equal(new NormalizedToken("double oh", "00", TokenRole.Digits), first);
        Assert.All(result.Tokens.Take(3), t => Assert.Equal(TokenRole.Filler, t.Role));
        Assert.Equal(NormalizationFlags.None, result.Flags);
    }

    [Fact]
    public void Normalize_PlusAfterDigits_IsNotAPrefix()
    {
        var result = Us.Normalize(EntityKind.PhoneNumber, "four one five plus five five five oh one two three");

        Assert.Equal("+14155550123", result.Value);
        Assert.Contains(result.Tokens, t => t is { Spoken: "plus", Role: TokenRole.Unrecognised });
    }
}
