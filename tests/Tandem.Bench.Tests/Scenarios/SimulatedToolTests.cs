using Tandem.Bench.Scenarios;
using Tandem.Server.Backends;

namespace Tandem.Bench.Tests.Scenarios;

public sealed class SimulatedToolTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(512)]
    [InlineData(40_000)]
    public void Output_HasTheDeclaredSizeAndNamesTheTool(int bytes)
    {
        var tool = new ScenarioTool { Name = "read_file", OutputBytes = bytes };

        var output = SimulatedTool.Output(tool, """{"path":"a.cs"}""");

        Assert.StartsWith("read_file ok", output, StringComparison.Ordinal);
        if (bytes > 40)
        {
            Assert.Equal(bytes, output.Length);
        }
    }

    [Fact]
    public void Output_IsTheSameForTheSameCallAndDiffersForOtherArguments()
    {
        var tool = new ScenarioTool { Name = "grep", OutputBytes = 200 };

        Assert.Equal(SimulatedTool.Output(tool, """{"q":"x"}"""), SimulatedTool.Output(tool, """{"q":"x"}"""));
        Assert.NotEqual(SimulatedTool.Output(tool, """{"q":"x"}"""), SimulatedTool.Output(tool, """{"q":"y"}"""));
    }

    [Fact]
    public void BenchScenario_TimeScale_ScalesToolLatenciesOnly()
    {
        var source = new Scenario { Name = "s", Tools = [new ScenarioTool { Name = "t", LatencyMs = 200, OutputBytes = 64 }], Turns = [new ScenarioTurn()] };

        var scaled = new BenchScenario(source, 0.1);

        Assert.Equal(20, scaled.Tool("t").LatencyMs, 9);
        Assert.Equal(64, scaled.Tool("t").OutputBytes);
        Assert.Equal(200, source.Tools[0].LatencyMs); // the catalog's copy is untouched
    }

    [Fact]
    public void BenchScenario_CallToAnUndeclaredTool_IsRefusedNamingIt()
    {
        var source = new Scenario
        {
            Name = "broken",
            Turns = [new ScenarioTurn { Output = [new ScenarioOutput { Type = "function_call", Name = "ghost", Arguments = System.Text.Json.JsonDocument.Parse("{}").RootElement }] }],
        };

        var error = Assert.Throws<InvalidDataException>(() => new BenchScenario(source).Validate());

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
    }
}
