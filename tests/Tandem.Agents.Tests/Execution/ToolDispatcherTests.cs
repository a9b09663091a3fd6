using System.Text.Json;
using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Tools;
using Tandem.Agents.Tools;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Tests.Execution;

public sealed class ToolDispatcherTests
{
    private static readonly JsonElement CitySchema = JsonDocument.Parse("""
        {"type":"object","properties":{"city":{"type":"string","minLength":2}},"required":["city"],"additionalProperties":false}
        """).RootElement;

    private static FunctionCallItem Call(string callId, string name, string arguments) => new() { CallId = callId, Name = name, Arguments = arguments };

    [Fact]
    public async Task DispatchAsync_InvalidArguments_NeverRunsTheToolAndReturnsTheSchemaError()
    {
        var ran = 0;
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(new ToolDefinition { Name = "weather", Parameters = CitySchema }, (_, _) =>
        {
            Interlocked.Increment(ref ran);
            return ValueTask.FromResult(new ToolResult("sunny"));
        }));
        await using var dispatcher = new ToolDispatcher(tools);

        var wrongType = await await dispatcher.DispatchAsync("run", Call("c1", "weather", """{"city":42}"""), TestContext.Current.CancellationToken);
        var extra = await await dispatcher.DispatchAsync("run", Call("c2", "weather", """{"city":"Oslo","evil":true}"""), TestContext.Current.CancellationToken);
        var notJson = await await dispatcher.DispatchAsync("run", Call("c3", "weather", "{city:"), TestContext.Current.CancellationToken);

        Assert.Equal(0, ran);
        Assert.All([wrongType, extra, notJson], o => Assert.True(o.Result.IsError && !o.Ran));
        Assert.Contains("/city", wrongType.Result.Output, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", notJson.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_UnknownTool_ReturnsAnErrorNamingTheAvailableTools()
    {
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(new ToolDefinition { Name = "weather", Parameters = CitySchema }));
        await using var dispatcher = new ToolDispatcher(tools);

        var outcome = await await dispatcher.DispatchAsync("run", Call("c1", "nope", "{}"), TestContext.Current.CancellationToken);

        Assert.True(outcome.Result.IsError);
        Assert.Contains("'nope'", outcome.Result.Output, StringComparison.Ordinal);
        Assert.Contains("weather", outcome.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_FiftyCallsWithMaxFour_NeverRunsMoreThanFourAndFinishesAll()
    {
        var running = 0;
        var peak = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(new ToolDefinition { Name = "work", Parameters = CitySchema }, async (call, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }

            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            return new ToolResult(call.CallId);
        }));
        await using var dispatcher = new ToolDispatcher(tools, new ToolDispatcherOptions { MaxConcurrency = 4, QueueCapacity = 8 });

        // Dispatching blocks once 4 run and 8 wait: feed from another task, then let the tools go.
        var feeding = Task.Run(async () =>
        {
            var tasks = new List<Task<ToolOutcome>>();
            for (var i = 0; i < 50; i++)
            {
                tasks.Add(await dispatcher.DispatchAsync("run", Call($"c{i}", "work", """{"city":"Oslo"}"""), TestContext.Current.CancellationToken));
            }

            return tasks;
        }, TestContext.Current.CancellationToken);
        while (Volatile.Read(ref running) < 4)
        {
            await Task.Yield();
        }

        Assert.False(feeding.IsCompleted, "with 4 running and 8 queued, the producer waits (bounded queue)");
        release.SetResult();
        var outcomes = await Task.WhenAll(await feeding);

        Assert.Equal(50, outcomes.Length);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"c{i}").Order(), outcomes.Select(o => o.Result.Output).Order());
        Assert.Equal(4, peak);
        Assert.Equal(4, dispatcher.PeakConcurrency);
    }

    [Fact]
    public async Task DispatchAsync_SameCallTwiceAndConcurrently_RunsTheSideEffectOnce()
    {
        var effects = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(new ToolDefinition { Name = "send", Parameters = CitySchema, SideEffect = SideEffect.External, ReplaySafe = false }, async (_, ct) =>
        {
            var n = Interlocked.Increment(ref effects);
            await gate.Task.WaitAsync(ct);
            return new ToolResult($"sent #{n}");
        }));
        await using var dispatcher = new ToolDispatcher(tools, new ToolDispatcherOptions { MaxConcurrency = 4 }, new InMemoryIdempotencyStore());
        var call = Call("call_1", "send", """{"city":"Oslo"}""");

        var first = await dispatcher.DispatchAsync("run-1", call, TestContext.Current.CancellationToken);
        var concurrent = await dispatcher.DispatchAsync("run-1", call, TestContext.Current.CancellationToken);
        while (Volatile.Read(ref effects) == 0)
        {
            await Task.Yield();
        }

        gate.SetResult();
        var (a, b) = (await first, await concurrent);
        var later = await await dispatcher.DispatchAsync("run-1", call, TestContext.Current.CancellationToken);
        var otherRun = await await dispatcher.DispatchAsync("run-2", call, TestContext.Current.CancellationToken);

        Assert.Equal(2, effects); // once for run-1 (three deliveries), once for run-2
        Assert.Equal("sent #1", a.Result.Output);
        Assert.Equal("sent #1", b.Result.Output);
        Assert.Equal("sent #1", later.Result.Output);
        Assert.Equal(1, new[] { a, b }.Count(o => o.Ran));
        Assert.True(later.FromStore && !later.Ran);
        Assert.Equal("sent #2", otherRun.Result.Output);
    }

    [Fact]
    public async Task DispatchAsync_SameCallIdWithDifferentArguments_IsRefused()
    {
        var effects = 0;
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(new ToolDefinition { Name = "send", Parameters = CitySchema }, (_, _) =>
        {
            Interlocked.Increment(ref effects);
            return ValueTask.FromResult(new ToolResult("sent"));
        }));
        await using var dispatcher = new ToolDispatcher(tools, store: new InMemoryIdempotencyStore());

        await await dispatcher.DispatchAsync("run", Call("call_1", "send", """{"city":"Oslo"}"""), TestContext.Current.CancellationToken);
        var changed = await await dispatcher.DispatchAsync("run", Call("call_1", "send", """{"city":"Rome"}"""), TestContext.Current.CancellationToken);

        Assert.Equal(1, effects);
        Assert.True(changed.Result.IsError);
        Assert.Contains("different arguments", changed.Result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DispatchAsync_StaleClaimFromADeadProcess_ReplaySafeRunsAgainOtherwiseReportsUnknownOutcome(bool replaySafe)
    {
        var ran = 0;
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(
            new ToolDefinition { Name = "t", Parameters = CitySchema, ReplaySafe = replaySafe, Timeout = TimeSpan.FromSeconds(5) },
            (_, _) =>
            {
                Interlocked.Increment(ref ran);
                return ValueTask.FromResult(new ToolResult("done"));
            }));
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var store = new InMemoryIdempotencyStore(past);
        const string Args = """{"city":"Oslo"}""";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Args)));
        await store.TryClaimAsync(ToolDispatcher.IdempotencyKey("run", "c1"), hash, TestContext.Current.CancellationToken); // claimed an hour ago, never completed
        await using var dispatcher = new ToolDispatcher(tools, store: store);

        var outcome = await await dispatcher.DispatchAsync("run", Call("c1", "t", Args), TestContext.Current.CancellationToken);

        if (replaySafe)
        {
            Assert.Equal((1, "done", false), (ran, outcome.Result.Output, outcome.Result.IsError));
        }
        else
        {
            Assert.Equal(0, ran);
            Assert.True(outcome.Result.IsError);
            Assert.Contains("unknown", outcome.Result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DispatchAsync_ToolOverItsTimeout_IsCancelledAndReportedAsTimedOut()
    {
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(
            new ToolDefinition { Name = "slow", Parameters = CitySchema, Timeout = TimeSpan.FromMilliseconds(50) },
            async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return new ToolResult("never");
            }));
        await using var dispatcher = new ToolDispatcher(tools);

        var outcome = await await dispatcher.DispatchAsync("run", Call("c1", "slow", """{"city":"Oslo"}"""), TestContext.Current.CancellationToken);

        Assert.True(outcome.Result.IsError);
        Assert.Contains("timed out", outcome.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ToolThrows_ReportsTheFailureToTheModel()
    {
        var tools = new ToolRegistry().Add(new FunctionToolTests.DelegateTool(new ToolDefinition { Name = "boom", Parameters = CitySchema },
            (_, _) => throw new InvalidOperationException("disk full")));
        await using var dispatcher = new ToolDispatcher(tools);

        var outcome = await await dispatcher.DispatchAsync("run", Call("c1", "boom", """{"city":"Oslo"}"""), TestContext.Current.CancellationToken);

        Assert.True(outcome.Result.IsError && outcome.Ran);
        Assert.Contains("disk full", outcome.Result.Output, StringComparison.Ordinal);
    }
}
