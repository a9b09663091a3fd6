using Tandem.Bench.Measurement;
using Tandem.Bench.Running;
using Tandem.Bench.Scenarios;
using Tandem.Server.Backends;
using Tandem.Server.Sessions;

namespace Tandem.Bench.Tests.Running;

public sealed class IdealTimeTests
{
    private static readonly BenchScenario Scenario = new(new Scenario
    {
        Name = "two-rounds",
        Tools =
        [
            new ScenarioTool { Name = "fast", LatencyMs = 50 },
            new ScenarioTool { Name = "slow", LatencyMs = 400 },
        ],
        Turns = [new ScenarioTurn(), new ScenarioTurn(), new ScenarioTurn()],
    });

    private static TurnMeasurement Turn(string id) => new()
    {
        Index = 1, ResponseId = id, StartMs = 0, CompletedMs = 1, BytesSent = 1, BytesReceived = 1, InputTokens = 1, CachedTokens = 0, OutputTokens = 1, ToolCalls = 0,
    };

    private static RunMeasurement Run(params string[] ids) => new() { WallMs = 1, Turns = [.. ids.Select(Turn)], Output = "done" };

    [Fact]
    public void Of_EachTurn_LastsUntilTheLaterOfTheResponseAndItsSlowestEarlyDispatchedCall()
    {
        var served = new ServedLog();
        // Turn 1: the slow call is done at 10 ms and runs 400 ms; the fast one at 90 ms (+50): 410 ms.
        served.Add(new ServedResponse("r1", false, 0, 100, 0, 20, 100, [new ServedCall("c1", "slow", 10), new ServedCall("c2", "fast", 90)]));
        // Turn 2: the fast call ends at 30 + 50 = 80 ms, before the response completes at 120 ms.
        served.Add(new ServedResponse("r2", false, 0, 100, 0, 20, 120, [new ServedCall("c3", "fast", 30)]));
        // Turn 3: the final answer.
        served.Add(new ServedResponse("r3", false, 0, 100, 0, 20, 60, []));

        var ideal = IdealTime.Of(Run("r1", "r2", "r3"), Scenario, served);

        Assert.Equal(410 + 120 + 60, ideal);
    }

    [Fact]
    public void Of_AResponseTheServerDidNotReport_HasNoIdeal()
    {
        var served = new ServedLog();
        served.Add(new ServedResponse("r1", false, 0, 100, 0, 20, 100, []));

        Assert.Null(IdealTime.Of(Run("r1", "elsewhere"), Scenario, served));
    }

    [Theory]
    [InlineData("websocket", 1000, 10, 30 + 20)]
    [InlineData("http", 1000, 10, 50 + 30)]
    public void Allowance_IsBenchmarkMethodsBar(string transport, double ideal, int turns, double expected) =>
        Assert.Equal(expected, IdealTime.Allowance(transport, ideal, turns), 6);
}
