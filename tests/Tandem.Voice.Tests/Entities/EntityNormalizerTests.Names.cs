using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed partial class EntityNormalizerTests
{
    [Theory]
    [InlineData("S M I T H", "SMITH")]
    [InlineData("s m i t h", "SMITH")]
    [InlineData("S-M-I-T-H", "SMITH")]
    [InlineData("S. M. I. T. H.", "SMITH")]
    [InlineData("my name is smith, s m i t h", "SMITH")]
    [InlineData("my surname is Smith, that's S M I T H", "SMITH")]
    [InlineData("capital S M I T H", "SMITH")]
    [InlineData("ess em eye tee aitch", "SMITH")]
    [InlineData("sierra mike india tango hotel", "SMITH")]
    [InlineData("jay oh aitch en", "JOHN")]
    [InlineData("juliet oscar hotel november", "JOHN")]
    [InlineData("J O H N", "JOHN")]
    [InlineData("O apostrophe B R I E N", "O'BRIEN")]
    [InlineData("oh apostrophe bee are eye e en", "O'BRIEN")]
    [InlineData("M A R Y hyphen J A N E", "MARY-JANE")]
    [InlineData("M A R Y dash J A N E", "MARY-JANE")]
    [InlineData("M A R Y space A N N", "MARY ANN")]
    [InlineData("space M A R Y space", "MARY")]
    [InlineData("B as in boy, O, B", "BOB")]
    [InlineData("P as in Peter, E, double T, I, T", "PETTIT")]
    [InlineData("W I double L S", "WILLS")]
    [InlineData("double you I L L S", "WILLS")]
    [InlineData("D A V E, no, I E S", "DAVIES")]
    [InlineData("K A Y", "KAY")]
    [InlineData("kay a why", "KAY")]
    [InlineData("victor alpha november", "VAN")]
    [InlineData("N for Nancy, G for George, U, Y, E, N", "NGUYEN")]
    public void Normalize_SpelledName_GivesUpperCaseLetters(string transcript, string expected)
    {
        Assert.Equal(expected, Us.Normalize(EntityKind.SpelledName, transcript).Value);
    }

    [Theory]
    [InlineData("my name is Smith", "SMITH")]
    [InlineData("my name is Jay", "JAY")]
    [InlineData("it's Victor", "VICTOR")]
    [InlineData("O'Brien", "O'BRIEN")]
    [InlineData("my name is Mary Ann", "MARY ANN")]
    [InlineData("my name’s Mary-Jane", "MARY-JANE")]
    public void Normalize_NameSaidNotSpelled_UsesWholeWords(string transcript, string expected)
    {
        var result = Us.Normalize(EntityKind.SpelledName, transcript);

        Assert.Equal(expected, result.Value);
        Assert.True(result.Has(NormalizationFlags.UsedWholeWords));
    }

    [Fact]
    public void Normalize_NameSaidThenSpelled_SpellingDecidesAndWordIsNotUsed()
    {
        var result = Us.Normalize(EntityKind.SpelledName, "Smyth, S M I T H");

        Assert.Equal("SMITH", result.Value);
        Assert.False(result.Has(NormalizationFlags.UsedWholeWords));
        Assert.False(result.Has(NormalizationFlags.UnrecognisedWords));
        Assert.Equal(new NormalizedToken("smyth", "", TokenRole.Word, Note: "not used: the spelled letters decide"), result.Tokens[0]);
    }

    [Fact]
    public void Normalize_NameWithDigits_DropsThemAsUnrecognised()
    {
        var result = Us.Normalize(EntityKind.SpelledName, "S M I T H two");

        Assert.Equal("SMITH", result.Value);
        Assert.Equal(["two"], result.UnrecognisedWords);
    }
}
