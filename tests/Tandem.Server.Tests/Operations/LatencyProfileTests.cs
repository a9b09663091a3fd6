using System.Reflection;
using System.Text.Json;
using Tandem.Server.Operations;

namespace Tandem.Server.Tests.Operations;

/// <summary>The shipped latency profiles load, every number has a source, and bad profiles fail naming what is wrong.</summary>
public sealed class LatencyProfileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tandem-profiles-{Guid.NewGuid():N}");

    public LatencyProfileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The profile's numbers, by the names a profile file uses.</summary>
    private static Dictionary<string, double> Numbers(LatencyProfile profile) =>
        typeof(LatencyProfile).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(double))
            .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p => (double)p.GetValue(profile)!);

    private string WriteProfile(string json)
    {
        var path = Path.Combine(_directory, "profile.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_Zero_IsAllZeroAndExplained()
    {
        var profile = LatencyProfile.Load("zero");

        Assert.Equal("zero", profile.Name);
        Assert.True(profile.IsZero);
        Assert.All(Numbers(profile).Values, v => Assert.Equal(0, v));
        Assert.NotEmpty(profile.Sources);
        Assert.Equal(0, profile.DecodeMs(100));
    }

    [Fact]
    public void Load_OpenAiLike_EveryNumberHasASource()
    {
        var profile = LatencyProfile.Load("openai-like");

        Assert.Equal("openai-like", profile.Name);
        Assert.False(profile.IsZero);
        var numbers = Numbers(profile);
        Assert.Equal(6, numbers.Count);
        Assert.All(numbers, n =>
        {
            Assert.True(n.Value > 0, $"{n.Key} is set");
            Assert.True(profile.Sources.TryGetValue(n.Key, out var source), $"{n.Key} has a source");
            Assert.False(string.IsNullOrWhiteSpace(source));
        });
        Assert.Empty(profile.Sources.Keys.Except(numbers.Keys)); // no source for a number that does not exist
    }

    [Fact]
    public void Load_ProfileFile_ReadsItsNumbers()
    {
        var path = WriteProfile("""{"name":"mine","time_to_first_token_ms":12.5,"decode_tokens_per_second":50,"sources":{"time_to_first_token_ms":"measured"}}""");

        var profile = LatencyProfile.Load(path);

        Assert.Equal("mine", profile.Name);
        Assert.Equal(12.5, profile.TimeToFirstTokenMs);
        Assert.Equal(20, profile.DecodeMs(1));
    }

    [Fact]
    public void Load_NegativeNumber_ThrowsArgumentExceptionNamingTheField()
    {
        var path = WriteProfile("""{"name":"bad","request_overhead_ms":-1}""");

        var ex = Assert.Throws<ArgumentException>(() => LatencyProfile.Load(path));

        Assert.Contains("request_overhead_ms", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownName_ThrowsArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => LatencyProfile.Load("openai-ish"));

        Assert.Contains("'openai-ish'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_ThrowsArgumentExceptionNamingIt()
    {
        var path = WriteProfile("""{"name":"bad","time_to_first_token":250}""");

        var ex = Assert.Throws<ArgumentException>(() => LatencyProfile.Load(path));

        Assert.Contains("time_to_first_token", ex.Message, StringComparison.Ordinal);
    }
}
