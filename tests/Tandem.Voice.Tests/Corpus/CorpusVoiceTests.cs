using Tandem.Voice.Corpus;

namespace Tandem.Voice.Tests.Corpus;

public sealed class CorpusVoiceTests
{
    [Theory]
    [InlineData("espeak-ng:en-us", SpeechEngine.EspeakNg, "en-us", null)]
    [InlineData("flite:slt", SpeechEngine.Flite, "slt", null)]
    [InlineData("espeak-ng:en-gb-scotland@60", SpeechEngine.EspeakNg, "en-gb-scotland", 60)]
    [InlineData(" ESPEAK:en ", SpeechEngine.EspeakNg, "en", null)]
    public void Parse_GoodText_TheVoiceAndBackToTheSameText(string text, SpeechEngine engine, string name, int? pitch)
    {
        var voice = CorpusVoice.Parse(text);

        Assert.Equal(new CorpusVoice(engine, name, pitch), voice);
        Assert.Equal(voice, CorpusVoice.Parse(voice.ToString()));
    }

    [Theory]
    [InlineData("en-us", "ENGINE:NAME")]
    [InlineData("festival:kal", "ENGINE:NAME")]
    [InlineData("flite:", "names no voice")]
    [InlineData("flite:slt@high", "whole number")]
    public void Parse_BadText_SaysWhatIsWrong(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => CorpusVoice.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
