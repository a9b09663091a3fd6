using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Corpus;

public sealed class CorpusManifestTests
{
    private static readonly CorpusSample s_sample = new()
    {
        Id = "phone-0000",
        Kind = EntityKind.PhoneNumber,
        CanonicalValue = "+447700900123",
        SpokenText = "It's oh seven seven oh oh, nine oh oh, one two three.",
        Style = SpokenStyle.OhForZero,
        Voice = new CorpusVoice(SpeechEngine.EspeakNg, "en-gb-scotland", 60),
        Speed = 1.25,
        Condition = AudioCondition.Telephone,
        AudioPath = "audio/phone-0000.wav",
        DurationMs = 2345,
    };

    [Fact]
    public void WriteThenLoad_Samples_RoundTrip()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, CorpusManifest.FileName);
        var other = s_sample with { Id = "name-0001", Kind = EntityKind.SpelledName, Voice = new CorpusVoice(SpeechEngine.Flite, "slt"), AudioPath = "audio/name-0001.wav" };
        CorpusManifest.Write(path, [s_sample, other]);

        var loaded = CorpusManifest.Load(dir.Path);

        Assert.Equal([s_sample, other], loaded.Samples);
        Assert.Equal(Path.Combine(dir.Path, "audio", "phone-0000.wav"), loaded.AudioFile(loaded.Samples[0]));
    }

    [Fact]
    public void Write_Sample_IsOneReadableSnakeCaseLine()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, CorpusManifest.FileName);
        CorpusManifest.Write(path, [s_sample]);
        var text = File.ReadAllText(path);

        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        Assert.Contains("\"canonical_value\":\"+447700900123\"", text, StringComparison.Ordinal);
        Assert.Contains("\"spoken_text\":\"It's oh", text, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"PhoneNumber\"", text, StringComparison.Ordinal);
        Assert.Contains("\"voice\":{\"engine\":\"EspeakNg\",\"name\":\"en-gb-scotland\",\"pitch\":60}", text, StringComparison.Ordinal);
        Assert.Contains("\"duration_ms\":2345", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadLine_ThrowsWithFileAndLineNumber()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, CorpusManifest.FileName);
        CorpusManifest.Write(path, [s_sample]);
        File.AppendAllText(path, "\n{\"id\": 3}\n");

        var ex = Assert.Throws<InvalidDataException>(() => CorpusManifest.Load(path));
        Assert.Contains(":3:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.wav")]
    [InlineData("/abs/x.wav")]
    [InlineData("audio\\\\x.wav")]
    public void Load_AudioPathOutsideTheFolder_IsRejected(string audioPath)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, CorpusManifest.FileName);
        CorpusManifest.Write(path, [s_sample with { AudioPath = audioPath.Replace("\\\\", "\\", StringComparison.Ordinal) }]);

        var ex = Assert.Throws<InvalidDataException>(() => CorpusManifest.Load(path));
        Assert.Contains("audio_path", ex.Message, StringComparison.Ordinal);
    }
}
