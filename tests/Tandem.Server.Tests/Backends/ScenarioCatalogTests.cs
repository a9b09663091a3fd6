using Tandem.Server.Backends;
using Tandem.TestSupport;

namespace Tandem.Server.Tests.Backends;

/// <summary>Scenario files load and validate once; a bad one fails with a message naming the file, the scenario and the problem.</summary>
public sealed class ScenarioCatalogTests : IDisposable
{
    private const string Origin = "/tmp/scenarios/broken.json";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tandem-scenarios-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Load_RepositoryScenarios_LoadsEveryFile()
    {
        var catalog = ScenarioCatalog.Load(Fixtures.Scenarios);

        Assert.Equal(Directory.EnumerateFiles(Fixtures.Scenarios, "*.json").Count(), catalog.Names.Count);
        Assert.True(catalog.TryGet("hello", out var hello));
        Assert.Equal("message", hello.Turns[0].Output[0].Type);
    }

    [Theory]
    [InlineData("""{"turns":[{"output":[{"type":"message","text":"hi"}]}]}""", "'name' is required")]
    [InlineData("""{"name":"broken","turns":[{"output":[{"type":"video","text":"hi"}]}]}""", "unknown type 'video'")]
    [InlineData("""{"name":"broken","turns":[{"output":[{"type":"function_call","name":"f"}]}]}""", "'arguments' as a JSON object")]
    [InlineData("""{"name":"broken","turns":[{"output":[{"type":"function_call","name":"f","arguments":"{}"}]}]}""", "'arguments' as a JSON object")]
    [InlineData("""{"name":"broken","turns":[{"output":[{"type":"message","text":"hi","colour":"red"}]}]}""", "'colour'")]
    [InlineData("""{"name":"broken","turnz":[]}""", "'turnz'")]
    [InlineData("""{"name":"broken","turns":[]}""", "'turns' must hold at least one turn")]
    [InlineData("""{"name":"broken","turns":[{"output":[]}]}""", "'output' is empty")]
    [InlineData("""{"name":"broken","turns":[{"output":[{"type":"message"}]}]}""", "needs 'text'")]
    [InlineData("""{"name":"broken","turns":[{"output":[{"type":"message","text":"hi","phase":"later"}]}]}""", "'phase'")]
    public void Parse_BadScenario_ThrowsInvalidDataExceptionNamingFileAndProblem(string json, string problem)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ScenarioCatalog.Parse(json, Origin));

        Assert.Contains(Origin, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        if (json.Contains("\"name\":\"broken\"", StringComparison.Ordinal) && !json.Contains("turnz", StringComparison.Ordinal) && !json.Contains("colour", StringComparison.Ordinal))
        {
            Assert.Contains("'broken'", ex.Message, StringComparison.Ordinal); // the scenario is named once it is known
        }
    }

    [Fact]
    public void Load_FolderWithABadFile_ThrowsNamingThatFile()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "good.json"), """{"name":"good","turns":[{"output":[{"type":"message","text":"ok"}]}]}""");
        var bad = Path.Combine(_directory, "bad.json");
        File.WriteAllText(bad, """{"name":"bad","turns":[{"output":[{"type":"function_call","name":"f"}]}]}""");

        var ex = Assert.Throws<InvalidDataException>(() => ScenarioCatalog.Load(_directory));

        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'bad'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoFilesWithTheSameName_ThrowsNamingTheDuplicate()
    {
        Directory.CreateDirectory(_directory);
        const string Json = """{"name":"twin","turns":[{"output":[{"type":"message","text":"ok"}]}]}""";
        File.WriteAllText(Path.Combine(_directory, "a.json"), Json);
        File.WriteAllText(Path.Combine(_directory, "b.json"), Json);

        var ex = Assert.Throws<InvalidDataException>(() => ScenarioCatalog.Load(_directory));

        Assert.Contains("'twin'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("b.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ScenarioDirectoryWithABadFile_FailsNamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        var bad = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{"name":"bad","turns":[{"output":[{"type":"telepathy"}]}]}""", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Support.TestServer.StartAsync(o => o.ScenarioDirectory = _directory));

        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
        Assert.Contains("telepathy", ex.Message, StringComparison.Ordinal);
    }
}
