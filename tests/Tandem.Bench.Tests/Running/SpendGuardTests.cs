using System.Text.Json;
using Tandem.Bench.Results;
using Tandem.Bench.Running;
using Tandem.Bench.Scenarios;
using Tandem.Server.Backends;

namespace Tandem.Bench.Tests.Running;

public sealed class SpendGuardTests
{
    private static readonly ModelPrice Price = new() { InputPerMillion = 1.0, CachedInputPerMillion = 0.1, OutputPerMillion = 10.0 };

    private static BenchScenario TwoTurns() => new(new Scenario
    {
        Name = "two",
        Tools = [new ScenarioTool { Name = "t", OutputBytes = 4000, Parameters = JsonDocument.Parse("{}").RootElement }],
        Turns =
        [
            new ScenarioTurn { Output = [new ScenarioOutput { Type = "function_call", Name = "t", Arguments = JsonDocument.Parse("{}").RootElement }] },
            new ScenarioTurn { Output = [new ScenarioOutput { Type = "message", Text = "done" }] },
        ],
    });

    [Fact]
    public void Estimate_GrowsWithTheHistoryEachTurnResends()
    {
        // Turn 1: 1,000 in + 200 out; turn 2: 1,000 + 200 + 1,000 (the tool output) in + 200 out.
        var expected = ((1000 + 2200) * 1.0 + 400 * 10.0) / 1_000_000;

        Assert.Equal(expected * 3 * 2, SpendGuard.Estimate([TwoTurns()], runsPerClient: 3, clients: 2, Price), 12);
    }

    [Fact]
    public void Check_OverTheLimit_RefusesNamingTheEstimateAndTheLimit()
    {
        var options = new BenchOptions { Runs = 1000, MaxCostUsd = 0.5, PriceModel = "gpt-test" };

        var error = Assert.Throws<ArgumentException>(() => SpendGuard.Check(options, [TwoTurns()], clients: 7, Price));

        Assert.Contains("--max-cost $0.50", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpt-test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithoutAPricingTable_Refuses() =>
        Assert.Throws<ArgumentException>(() => SpendGuard.Check(new BenchOptions(), [TwoTurns()], clients: 1, price: null));

    [Fact]
    public void Check_UnderTheLimit_Passes() =>
        SpendGuard.Check(new BenchOptions { Runs = 1, MaxCostUsd = 1 }, [TwoTurns()], clients: 7, Price);
}
