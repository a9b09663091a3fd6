using Tandem.Voice.Recognition;

namespace Tandem.Voice.Tests.Recognition;

public sealed class AlphanumericVocabularyTests
{
    [Fact]
    public void BuildJsgf_FramingAndItems_GivesAnOptionalFramingThenARepeatingItem()
    {
        var jsgf = AlphanumericVocabulary.BuildJsgf("codes", ["my code is"], ["one", "two", "as in", "one"]);

        Assert.Equal(
            "#JSGF V1.0;\ngrammar codes;\npublic <utterance> = [<framing>] <item>+;\n<framing> = my code is;\n<item> = one | two | as in;\n",
            jsgf);
    }

    [Fact]
    public void BuildJsgf_NoFraming_LeavesTheFramingRuleOut()
    {
        var jsgf = AlphanumericVocabulary.BuildJsgf("digits", [], ["one"]);

        Assert.Contains("public <utterance> = <item>+;", jsgf, StringComparison.Ordinal);
        Assert.DoesNotContain("<framing>", jsgf, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("One")]
    [InlineData("one|two")]
    [InlineData("<rule>")]
    [InlineData("  ")]
    public void BuildJsgf_WordJsgfWouldMisread_ThrowsNamingIt(string item)
    {
        var error = Assert.Throws<ArgumentException>(() => AlphanumericVocabulary.BuildJsgf("g", [], ["one", item]));

        Assert.Equal("items", error.ParamName);
    }

    [Fact]
    public void BuildJsgf_NoItems_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlphanumericVocabulary.BuildJsgf("g", ["my code is"], []));
    }

    [Fact]
    public void Items_CoverDigitsLettersNatoAndEmailWords()
    {
        Assert.Equal(11, AlphanumericVocabulary.Digits.Count);
        Assert.Equal(26, AlphanumericVocabulary.Letters.Count);
        Assert.Equal(26, AlphanumericVocabulary.NatoWords.Count);
        Assert.Contains("x-ray", AlphanumericVocabulary.Items);
        Assert.Contains("as in", AlphanumericVocabulary.Items);
        Assert.Contains("underscore", AlphanumericVocabulary.Items);
        Assert.Contains("my number is", AlphanumericVocabulary.FramingPhrases);
    }
}
