using System.Runtime.CompilerServices;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>
/// The turn loop over a <see cref="Tandem.Responses.Chains.ResponseChain"/>, on either transport:
/// each function call is dispatched the moment its <c>output_item.done</c> arrives (early dispatch),
/// the turn's outputs go back in one request once the response has completed and all its calls have
/// finished, and the run stops at the first cap reached (turns, tool calls, tokens, wall time) or when
/// the same call repeats too often — always with a clear final status.
/// </summary>
public sealed class AgentRunner
{
    private readonly ResponsesClient _client;
    private readonly ToolRegistry _tools;
    private readonly ToolDispatcher _dispatcher;
    private readonly TimeProvider _time;

    public AgentRunner(ResponsesClient client, ToolRegistry tools, ToolDispatcher dispatcher, TimeProvider? time = null)
    {
        _client = client;
        _tools = tools;
        _dispatcher = dispatcher;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs to the end and returns the result.</summary>
    public async Task<AgentRunResult> RunToEndAsync(AgentRunOptions options, IEnumerable<ResponseItem> input, string? runId = null, CancellationToken cancellationToken = default)
    {
        AgentRunResult? result = null;
        await foreach (var evt in RunAsync(options, input, runId, cancellationToken).ConfigureAwait(false))
        {
            if (evt is RunFinishedEvent finished)
            {
                result = finished.Result;
            }
        }

        return result!;
    }

    /// <summary>Runs, yielding what happens as it happens.</summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(AgentRunOptions options, IEnumerable<ResponseItem> input, string? runId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        runId ??= "run_" + Guid.NewGuid().ToString("N");
        var template = new ResponseCreateRequest
        {
            Model = options.Model,
            Instructions = options.Instructions,
            Tools = _tools.ToResponseTools(),
            Store = options.Store ? null : false,
        };
        options.ConfigureRequest?.Invoke(template);
        var chain = _client.CreateChain(template, options.Lane);
        var started = _time.GetUtcNow();
        var pending = input.ToList();
        var timings = new List<TurnTiming>();
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        long inputTokens = 0, cachedTokens = 0, outputTokens = 0;
        var toolCalls = 0;
        ResponseObject? last = null;

        for (var turn = 1; ; turn++)
        {
            (AgentRunStatus Status, string Reason)? stop = null;
            if (turn > options.MaxTurns)
            {
                stop = (AgentRunStatus.MaxTurnsReached, $"The run reached its limit of {options.MaxTurns} turns.");
            }
            else if (_time.GetUtcNow() - started > options.MaxWallTime)
            {
                stop = (AgentRunStatus.WallTimeExceeded, $"The run exceeded its wall-time limit of {options.MaxWallTime}.");
            }

            if (stop is { } early)
            {
                yield return Finish(early.Status, early.Reason);
                yield break;
            }

            var turnStarted = _time.GetUtcNow();
            yield return new TurnStartedEvent(turnStarted, turn, pending.Count);
            var dispatched = new List<Task<ToolOutcome>>();
            ResponseObject? response = null;
            await foreach (var evt in chain.SendAsync(pending, cancellationToken).ConfigureAwait(false))
            {
                switch (evt)
                {
                    case OutputTextDeltaEvent delta:
                        yield return new TextDeltaEvent(_time.GetUtcNow(), turn, delta.Delta);
                        break;
                    case ChainReplayedEvent replayed:
                        yield return new ChainReplayedAgentEvent(_time.GetUtcNow(), turn, replayed.Reason);
                        break;
                    case OutputItemEvent { Type: ResponseEventTypes.OutputItemDone, Item: FunctionCallItem call } when stop is null:
                        toolCalls++;
                        var signature = call.Name + "\n" + call.Arguments;
                        repeats[signature] = repeats.GetValueOrDefault(signature) + 1;
                        if (toolCalls > options.MaxToolCalls)
                        {
                            stop = (AgentRunStatus.MaxToolCallsReached, $"The run reached its limit of {options.MaxToolCalls} tool calls.");
                        }
                        else if (repeats[signature] >= options.LoopThreshold)
                        {
                            stop = (AgentRunStatus.LoopDetected, $"The model called {call.Name} with the same arguments {repeats[signature]} times.");
                        }
                        else
                        {
                            // Early dispatch: the tool starts now, while the model may still be streaming other calls.
                            yield return new ToolCallStartedEvent(_time.GetUtcNow(), turn, call.CallId, call.Name, call.Arguments);
                            dispatched.Add(await _dispatcher.DispatchAsync(runId, call, cancellationToken).ConfigureAwait(false));
                        }

                        break;
                    case ResponseLifecycleEvent { IsTerminal: true } terminal:
                        response = terminal.Response;
                        break;
                }
            }

            if (response is null || response.Status != ResponseStatus.Completed)
            {
                last = response ?? last;
                yield return Finish(AgentRunStatus.Failed, $"The response ended with status '{response?.Status ?? "none"}'{(response?.Error is { } e ? $": {e.Message}" : string.Empty)}.");
                yield break;
            }

            last = response;
            var responseCompleted = _time.GetUtcNow();
            yield return new TurnCompletedEvent(responseCompleted, turn, response.Id, dispatched.Count);
            if (response.Usage is { } usage)
            {
                inputTokens += usage.InputTokens;
                cachedTokens += usage.InputTokensDetails.CachedTokens;
                outputTokens += usage.OutputTokens;
            }

            var outcomes = new Dictionary<string, ToolOutcome>(StringComparer.Ordinal);
            await foreach (var done in Task.WhenEach(dispatched).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var outcome = await done.ConfigureAwait(false);
                outcomes[outcome.CallId] = outcome;
                yield return new ToolCallFinishedEvent(_time.GetUtcNow(), turn, outcome);
            }

            timings.Add(new TurnTiming(turn, turnStarted, responseCompleted, _time.GetUtcNow(), dispatched.Count));
            if (stop is { } capped)
            {
                yield return Finish(capped.Status, capped.Reason);
                yield break;
            }

            if (inputTokens + outputTokens > options.MaxTokens)
            {
                yield return Finish(AgentRunStatus.MaxTokensReached, $"The run used {inputTokens + outputTokens} tokens, over its limit of {options.MaxTokens}.");
                yield break;
            }

            var calls = response.Output.OfType<FunctionCallItem>().ToList();
            if (calls.Count == 0)
            {
                yield return Finish(AgentRunStatus.Completed, null);
                yield break;
            }

            // One request per turn with every output, in the order the model made the calls.
            pending = calls.Select(c => (ResponseItem)FunctionCallOutputItem.Create(c.CallId, outcomes.TryGetValue(c.CallId, out var o)
                ? o.Result.Output
                : "The call was not run.")).ToList();
        }

        RunFinishedEvent Finish(AgentRunStatus status, string? reason) => new(_time.GetUtcNow(), new AgentRunResult(
            runId, status, last?.GetOutputText() ?? string.Empty, reason, inputTokens, cachedTokens, outputTokens, toolCalls, chain.Replays, timings, last));
    }
}
