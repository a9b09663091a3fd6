using Tandem.Bench.Clients;
using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Tests.Clients;

/// <summary>Every client runs the scripted scenarios to the end against the in-process server, measured turn by turn.</summary>
public sealed class BenchClientsTests(ClientServerFixture server) : IClassFixture<ClientServerFixture>
{
    private const string FanoutAnswer = "Reviewed 24 tool results over three rounds: the runner starts each call as soon as it is streamed.";

    public static TheoryData<string> AllClients => [.. BenchClients.Names];

    public static TheoryData<string> NewClients => ["openai-sdk", "meai-ficc", "raw-http", "raw-ws"];

    [Theory]
    [MemberData(nameof(AllClients))]
    public async Task WeatherThreeTurn_RunsToTheQuotedAnswer(string name)
    {
        var scenario = server.Scenario("weather-three-turn");
        // The last tool output of turn 2 (get_time for Lyon, called second) is quoted in the answer.
        var expected = "Done. The last tool said: " + SimulatedTool.Output(scenario.Tool("get_time"), """{"city":"Lyon"}""");
        await using var client = BenchClients.Create(name, server.Target);
        Assert.Equal(name, client.Name);

        // Twice: the second run reuses what the first left (connections, the raw WebSocket).
        for (var run = 0; run < 2; run++)
        {
            var measurement = await client.RunAsync(scenario, TestContext.Current.CancellationToken);
            AssertRun(measurement, expected, [1, 2, 0]);
        }
    }

    [Theory]
    [MemberData(nameof(AllClients))]
    public async Task FanoutUnequal_RunsThreeRoundsOfEightCalls(string name)
    {
        var scenario = server.Scenario("fanout-unequal");
        await using var client = BenchClients.Create(name, server.Target);
        var measurement = await client.RunAsync(scenario, TestContext.Current.CancellationToken);
        AssertRun(measurement, FanoutAnswer, [8, 8, 8, 0]);
    }

    [Theory]
    [MemberData(nameof(NewClients))]
    public async Task NewClients_ChainWithPreviousResponseId(string name)
    {
        var scenario = server.Scenario("fanout-unequal");
        await using var client = BenchClients.Create(name, server.Target);
        var measurement = await client.RunAsync(scenario, TestContext.Current.CancellationToken);
        Assert.Null(measurement.Error);
        foreach (var turn in measurement.Turns.Skip(1))
        {
            var served = server.Served[turn.ResponseId];
            if (served.OverHttp)
            {
                // Continuing a stored chain loads its items; a client resending the history would load none.
                Assert.True(served.LoadedItems > 0, $"{name}: turn {turn.Index} loaded no stored items: not chained with previous_response_id");
            }
        }

        // Only the new tool outputs go up: the last request is far smaller than the 24 calls and outputs a resent history holds.
        Assert.True(measurement.Turns[^1].BytesSent < 8 * 1024, $"{name}: {measurement.Turns[^1].BytesSent} bytes sent in the last turn");
    }

    [Fact]
    public void Create_UnknownName_NamesTheValidClients()
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchClients.Create("nope", server.Target));
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        foreach (var name in BenchClients.Names)
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Names_AreTheSevenClients() =>
        Assert.Equal(["tandem-ws", "tandem-http", "tandem-http-stateless", "openai-sdk", "meai-ficc", "raw-http", "raw-ws"], BenchClients.Names);

    [Theory]
    [MemberData(nameof(NewClients))]
    public async Task UnknownModel_IsAnErrorNotAnException(string name)
    {
        var scenario = server.Scenario("weather-three-turn");
        await using var client = BenchClients.Create(name, server.Target with { Model = "scenario/does-not-exist" });
        var measurement = await client.RunAsync(scenario, TestContext.Current.CancellationToken);
        Assert.NotNull(measurement.Error);
        Assert.StartsWith(name + ":", measurement.Error, StringComparison.Ordinal);
        Assert.Contains("does-not-exist", measurement.Error, StringComparison.Ordinal);

    }

    private static void AssertRun(RunMeasurement measurement, string expectedOutput, int[] callsPerTurn)
    {
        Assert.Null(measurement.Error);
        Assert.Equal(expectedOutput, measurement.Output);
        Assert.Equal(callsPerTurn, measurement.Turns.Select(t => t.ToolCalls));
        Assert.Equal(callsPerTurn.Length, measurement.Turns.Select(t => t.ResponseId).Distinct().Count());
        foreach (var turn in measurement.Turns)
        {
            Assert.False(string.IsNullOrEmpty(turn.ResponseId));
            Assert.True(turn.BytesSent > 0, $"turn {turn.Index}: no bytes sent");
            Assert.True(turn.BytesReceived > 0, $"turn {turn.Index}: no bytes received");
            Assert.True(turn.InputTokens > 0, $"turn {turn.Index}: no input tokens");
            Assert.True(turn.OutputTokens > 0, $"turn {turn.Index}: no output tokens");
            Assert.NotNull(turn.FirstOutputMs);
            Assert.True(turn.CompletedMs >= turn.FirstOutputMs);
        }
    }
}
