using Tandem.Voice.Corpus;

namespace Tandem.Voice.Tests.Corpus;

public sealed class SpeechToolsTests
{
    [Fact]
    public async Task ProbeAsync_ThisMachine_ReportsVersionsAndVoices()
    {
        var tools = await ToolGate.RequireAsync(SpeechTool.EspeakNg, SpeechTool.Flite, SpeechTool.Sox);
        Assert.All(tools.Tools, t => Assert.Matches("^[0-9]", t.Version));
        Assert.Contains("slt", tools.FliteVoices);
        Assert.Contains("en-us", tools.EspeakVoices, StringComparer.OrdinalIgnoreCase);
        Assert.True(tools.HasVoice(new CorpusVoice(SpeechEngine.EspeakNg, "en-gb-scotland+f3")));
        Assert.False(tools.HasVoice(new CorpusVoice(SpeechEngine.Flite, "nosuchvoice")));
        Assert.Null(tools.MissingReason(SpeechTool.Sox));
    }

    [Fact]
    public void MissingReason_ToolMissing_NamesTheToolForTheSkipMessage()
    {
        var tools = new SpeechTools(
            [
                new(SpeechTool.EspeakNg, "espeak-ng", "/opt/fake/espeak-ng", "1.51", null),
                new(SpeechTool.Flite, "flite", null, null, "no 'flite' on PATH"),
                new(SpeechTool.Sox, "sox", "/opt/fake/sox", "14.4.2", null),
            ],
            [],
            ["en-us"]);
        Assert.Null(tools.MissingReason(SpeechTool.EspeakNg, SpeechTool.Sox));
        Assert.Equal("flite is not installed: no 'flite' on PATH", tools.MissingReason(SpeechTool.Sox, SpeechTool.Flite));
        Assert.False(tools[SpeechTool.Flite].IsAvailable);
    }

    [Theory]
    [InlineData(SpeechTool.EspeakNg, "eSpeak NG text-to-speech: 1.51  Data at: /opt/fake/espeak-ng-data\n", "1.51")]
    [InlineData(SpeechTool.Flite, "  Carnegie Mellon University, Copyright (c) 1999-2016, all rights reserved\n  version: flite-2.2-current Sep 2018 (http://cmuflite.org)\n", "2.2-current")]
    [InlineData(SpeechTool.Sox, "sox:      SoX v14.4.2\n", "14.4.2")]
    [InlineData(SpeechTool.Sox, "something else entirely\nsecond line", "something else entirely")]
    public void ParseVersion_ToolOutput_FindsTheVersion(SpeechTool tool, string output, string expected) =>
        Assert.Equal(expected, SpeechTools.ParseVersion(tool, output));

    [Fact]
    public void ParseFliteVoices_ListLine_GivesTheNames() =>
        Assert.Equal(["kal", "awb_time", "kal16", "awb", "rms", "slt"], SpeechTools.ParseFliteVoices("Voices available: kal awb_time kal16 awb rms slt \n"));

    [Fact]
    public void ParseEspeakVoices_Table_GivesLanguagesNamesAndFiles()
    {
        const string output = """
            Pty Language       Age/Gender VoiceName          File                 Other Languages
             2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
             5  en-gb-scotland  --/M      English_(Scotland) gmw/en-GB-scotland   (en 4)
            """;
        var voices = SpeechTools.ParseEspeakVoices(output);
        Assert.Contains("en-gb", voices);
        Assert.Contains("en-gb-scotland", voices);
        Assert.Contains("English_(Scotland)", voices);
        Assert.Contains("gmw/en-GB-scotland", voices);
        Assert.DoesNotContain("Language", voices);
    }
}
