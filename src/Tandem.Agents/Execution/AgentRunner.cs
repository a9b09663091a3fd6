using System.Runtime.CompilerServices;
using Tandem.Agents.Durability;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Chains;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>
/// The turn loop over a <see cref="ResponseChain"/>, on either transport: each function call is
/// dispatched the moment its <c>output_item.done</c> arrives (early dispatch), the turn's outputs go
/// back in one request once the response has completed and all its calls have finished, and the run
/// stops at the first cap reached (turns, tool calls, tokens, wall time) or when the same call repeats
/// too often — always with a clear final status. With a journal every step is written durably before
/// it takes effect, and <see cref="ResumeAsync"/> continues a run after the process died
/// (AgentRunner.Resume.cs).
/// </summary>
public sealed partial class AgentRunner
{
    private readonly ResponsesClient _client;
    private readonly ToolRegistry _tools;
    private readonly ToolDispatcher _dispatcher;
    private readonly IRunJournal? _journal;
    private readonly TimeProvider _time;

    public AgentRunner(ResponsesClient client, ToolRegistry tools, ToolDispatcher dispatcher, IRunJournal? journal = null, TimeProvider? time = null)
    {
        _client = client;
        _tools = tools;
        _dispatcher = dispatcher;
        _journal = journal;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs to the end and returns the result.</summary>
    public Task<AgentRunResult> RunToEndAsync(AgentRunOptions options, IEnumerable<ResponseItem> input, string? runId = null, CancellationToken cancellationToken = default) =>
        LastResultAsync(RunAsync(options, input, runId, cancellationToken));

    /// <summary>Runs, yielding what happens as it happens.</summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(AgentRunOptions options, IEnumerable<ResponseItem> input, string? runId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new RunState(runId ?? "run_" + Guid.NewGuid().ToString("N"), _time.GetUtcNow())
        {
            Options = options,
            Spotlight = options.Spotlighting ? new Tandem.Security.Spotlighting.Spotlight() : null,
            ClientCompaction = options.Compaction.Mode == Context.CompactionMode.Client,
        };
        var items = input.Select(i => Redact(options, i)).ToList();
        await AppendAsync(state.RunId, JournalEntryKind.RunStarted, JournalPayloads.RunStarted(options, items, state.Spotlight?.Marker), cancellationToken).ConfigureAwait(false);
        await AuditRunAsync(options, state, Tandem.Security.Audit.AuditEvents.RunStarted, null, null, cancellationToken).ConfigureAwait(false);
        var chain = _client.CreateChain(Template(options, state.Spotlight), options.Lane);
        await foreach (var evt in LoopAsync(options, chain, state, items, firstTurn: 1, cancellationToken).ConfigureAwait(false))
        {
            yield return evt;
        }
    }

    private static async Task<AgentRunResult> LastResultAsync(IAsyncEnumerable<AgentEvent> events)
    {
        AgentRunResult? result = null;
        await foreach (var evt in events.ConfigureAwait(false))
        {
            if (evt is RunFinishedEvent finished)
            {
                result = finished.Result;
            }
        }

        return result ?? throw new InvalidOperationException("The run ended without a result.");
    }

    private ResponseCreateRequest Template(AgentRunOptions options, Tandem.Security.Spotlighting.Spotlight? spotlight)
    {
        var template = new ResponseCreateRequest
        {
            Model = options.Model,
            // The fence's explanation joins the instructions; fenced content itself never does (S1).
            Instructions = spotlight is null ? Redact(options, options.Instructions)
                : string.IsNullOrEmpty(options.Instructions) ? spotlight.Instructions
                : Redact(options, options.Instructions) + "\n\n" + spotlight.Instructions,
            Tools = _tools.ToResponseTools(),
            Store = options.Store ? null : false,
        };
        AskForCompaction(template, options);
        options.ConfigureRequest?.Invoke(template);
        return template;
    }

    private ValueTask AppendAsync(string runId, JournalEntryKind kind, string payload, CancellationToken cancellationToken) =>
        _journal is null ? ValueTask.CompletedTask : new ValueTask(_journal.AppendAsync(runId, kind, payload, cancellationToken).AsTask());

    private async IAsyncEnumerable<AgentEvent> LoopAsync(AgentRunOptions options, ResponseChain chain, RunState state, List<ResponseItem> pending, int firstTurn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var turn = firstTurn; ; turn++)
        {
            (AgentRunStatus Status, string Reason)? stop = null;
            if (turn > options.MaxTurns)
            {
                stop = (AgentRunStatus.MaxTurnsReached, $"The run reached its limit of {options.MaxTurns} turns.");
            }
            else if (_time.GetUtcNow() - state.Started > options.MaxWallTime)
            {
                stop = (AgentRunStatus.WallTimeExceeded, $"The run exceeded its wall-time limit of {options.MaxWallTime}.");
            }

            if (stop is { } early)
            {
                yield return await FinishAsync(state, chain, early.Status, early.Reason, cancellationToken).ConfigureAwait(false);
                yield break;
            }

            if (ShouldCompact(state, options, pending))
            {
                var before = state.Last!.Usage!.InputTokens;
                var (next, failed) = await CompactClientSideAsync(options, chain, state, turn, pending, tooLong: false, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    yield return await FinishAsync(state, chain, AgentRunStatus.Failed, failed, cancellationToken).ConfigureAwait(false);
                    yield break;
                }

                pending = next;
                await AuditPolicyAsync(options, state, turn, null, "compact:client", $"The next turn would read about {before} tokens, over the threshold of {options.Compaction.Threshold}.", cancellationToken).ConfigureAwait(false);
                yield return new ContextCompactedEvent(_time.GetUtcNow(), turn, Context.CompactionMode.Client, before);
            }

            var turnStarted = _time.GetUtcNow();
            await AppendAsync(state.RunId, JournalEntryKind.InputItems, JournalPayloads.Items(turn, pending), cancellationToken).ConfigureAwait(false);
            await AuditModelRequestAsync(options, state, turn, pending, cancellationToken).ConfigureAwait(false);
            yield return new TurnStartedEvent(turnStarted, turn, pending.Count);
            var dispatched = new List<Task<ToolOutcome>>();
            var dispatchedTools = new List<string>();
            ResponseObject? response = null;
            IEnumerable<ResponseItem> send = pending;
            var retried = false;
            var compacted = false;
            while (true)
            {
                ResponsesException? failure = null;
                await using (var events = chain.SendAsync(send, cancellationToken).GetAsyncEnumerator(cancellationToken))
                {
                    while (true)
                    {
                        try
                        {
                            if (!await events.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        catch (ResponsesException ex)
                        {
                            failure = ex; // the chain healed what it could; this turn broke off mid-stream
                            break;
                        }

                        var evt = events.Current;
                        switch (evt)
                        {
                            case ResponseLifecycleEvent { Type: ResponseEventTypes.Created } created:
                                await AppendAsync(state.RunId, JournalEntryKind.ResponseStarted, JournalPayloads.ResponseStarted(turn, created.Response.Id), cancellationToken).ConfigureAwait(false);
                                break;
                            case OutputTextDeltaEvent delta:
                                yield return new TextDeltaEvent(_time.GetUtcNow(), turn, delta.Delta);
                                break;
                            case ChainReplayedEvent replayed:
                                yield return new ChainReplayedAgentEvent(_time.GetUtcNow(), turn, replayed.Reason);
                                break;
                            case OutputItemEvent { Type: ResponseEventTypes.OutputItemDone, Item: FunctionCallItem call } when stop is null:
                                stop = state.Count(call, options);
                                if (stop is { } limit)
                                {
                                    await AuditPolicyAsync(options, state, turn, call, "stop:" + limit.Status, limit.Reason, cancellationToken).ConfigureAwait(false);
                                }

                                if (stop is null && NeedsApproval(call, options, state) is { } why)
                                {
                                    var request = options.Approvals!.Request(state.RunId, call.CallId, call.Name, call.Arguments, why);
                                    await AppendAsync(state.RunId, JournalEntryKind.ApprovalRequested, JournalPayloads.ApprovalRequested(turn, request), cancellationToken).ConfigureAwait(false);
                                    await AuditApprovalAsync(options, state, turn, call, "requested", "policy", cancellationToken).ConfigureAwait(false);
                                    yield return new ApprovalRequestedEvent(_time.GetUtcNow(), turn, request);
                                    var approved = options.ApprovalHandler is { } ask
                                        && await ask(request, cancellationToken).ConfigureAwait(false)
                                        && options.Approvals.Approve(request.Nonce)
                                        && options.Approvals.TryUse(request.Nonce, state.RunId, call.Name, call.Arguments, out _);
                                    await AuditApprovalAsync(options, state, turn, call, approved ? "approved" : "pending", options.ApprovalHandler is null ? "policy" : "approver", cancellationToken).ConfigureAwait(false);
                                    if (!approved)
                                    {
                                        stop = (AgentRunStatus.AwaitingApproval, $"The call {call.CallId} to {call.Name} needs an approval ({request.Nonce}): {why}");
                                    }
                                }

                                if (stop is null)
                                {
                                    // Early dispatch: the tool starts now, while the model may still be streaming other calls.
                                    await AppendAsync(state.RunId, JournalEntryKind.ToolCallDispatched, JournalPayloads.CallDispatched(turn, call), cancellationToken).ConfigureAwait(false);
                                    await AuditToolAsync(options, state, turn, call.CallId, call.Name, call.Arguments, "dispatched", cancellationToken).ConfigureAwait(false);
                                    yield return new ToolCallStartedEvent(_time.GetUtcNow(), turn, call.CallId, call.Name, call.Arguments);
                                    dispatchedTools.Add(call.Name);
                                    dispatched.Add(await _dispatcher.DispatchAsync(state.RunId, call, cancellationToken).ConfigureAwait(false));
                                }

                                break;
                            case ResponseLifecycleEvent { IsTerminal: true } terminal:
                                response = terminal.Response;
                                break;
                        }
                    }
                }

                if (failure is null)
                {
                    break;
                }

                if (dispatched.Count == 0 && IsCompactionRefused(failure, options, state))
                {
                    // Refused before anything ran: drop the parameter and send the same turn again.
                    state.ClientCompaction = true;
                    chain.Configure(r => r.ContextManagement = null);
                    yield return new TurnRetriedEvent(_time.GetUtcNow(), turn, $"The server refused context_management ({failure.Message}); compacting client-side from now on.");
                    send = [];
                    continue;
                }

                if (dispatched.Count == 0 && !compacted && IsContextTooLong(failure, options))
                {
                    compacted = true;
                    var (next, failed) = await CompactClientSideAsync(options, chain, state, turn, [], tooLong: true, cancellationToken).ConfigureAwait(false);
                    if (next is null)
                    {
                        yield return await FinishAsync(state, chain, AgentRunStatus.Failed, $"{failure.Message} {failed}", cancellationToken).ConfigureAwait(false);
                        yield break;
                    }

                    yield return new ContextCompactedEvent(_time.GetUtcNow(), turn, Context.CompactionMode.Client, 0);
                    send = next;
                    continue;
                }

                // Calls that started before the break finish first: nothing is left running, and their
                // results are recorded (idempotency store, journal) whatever happens to the turn.
                await foreach (var evt in CollectAsync(state, turn, dispatched, new Dictionary<string, ToolOutcome>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false))
                {
                    yield return evt;
                }

                if (dispatched.Count == 0 && failure.Status is >= 400 and < 500 and not (408 or 409 or 429))
                {
                    // Refused, not broken off: sending the same request again cannot help.
                    yield return await FinishAsync(state, chain, AgentRunStatus.Failed, $"The server refused turn {turn}: {failure.Message}", cancellationToken).ConfigureAwait(false);
                    yield break;
                }

                var allReplaySafe = dispatchedTools.All(name => _tools.TryGet(name, out var t) && t.Definition.ReplaySafe);
                if (options.OnTurnFailure == TurnFailurePolicy.RetryWhenReplaySafe && allReplaySafe && !retried)
                {
                    retried = true;
                    // The model will make its calls again (with new ids): only harmless if every call so far can run twice.
                    yield return new TurnRetriedEvent(_time.GetUtcNow(), turn, failure.Message);
                    dispatched.Clear();
                    dispatchedTools.Clear();
                    stop = null;
                    send = []; // the chain still holds this turn's input, not yet acknowledged
                    continue;
                }

                var reason = allReplaySafe
                    ? $"The turn broke off mid-stream: {failure.Message}"
                    : $"The turn broke off mid-stream after non-replay-safe calls had started ({string.Join(", ", dispatchedTools.Where(n => !(_tools.TryGet(n, out var t) && t.Definition.ReplaySafe)))}); it is not repeated: {failure.Message}";
                yield return await FinishAsync(state, chain, AgentRunStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
                yield break;
            }

            if (response is null || response.Status != ResponseStatus.Completed)
            {
                state.Last = response ?? state.Last;
                yield return await FinishAsync(state, chain, AgentRunStatus.Failed,
                    $"The response ended with status '{response?.Status ?? "none"}'{(response?.Error is { } e ? $": {e.Message}" : string.Empty)}.", cancellationToken).ConfigureAwait(false);
                yield break;
            }

            var responseCompleted = _time.GetUtcNow();
            await AppendAsync(state.RunId, JournalEntryKind.TurnCompleted, JournalPayloads.TurnCompleted(turn, response), cancellationToken).ConfigureAwait(false);
            state.Completed(response);
            yield return new TurnCompletedEvent(responseCompleted, turn, response.Id, dispatched.Count, response.Usage);
            if (ServerCompacted(response))
            {
                await AuditPolicyAsync(options, state, turn, null, "compact:server", "The server compacted the context (context_management).", cancellationToken).ConfigureAwait(false);
                yield return new ContextCompactedEvent(responseCompleted, turn, Context.CompactionMode.Server, response.Usage?.InputTokens ?? 0);
            }

            var outcomes = new Dictionary<string, ToolOutcome>(StringComparer.Ordinal);
            await foreach (var evt in CollectAsync(state, turn, dispatched, outcomes, cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }

            state.Timings.Add(new TurnTiming(turn, turnStarted, responseCompleted, _time.GetUtcNow(), dispatched.Count));
            if (stop is { } capped)
            {
                yield return await FinishAsync(state, chain, capped.Status, capped.Reason, cancellationToken).ConfigureAwait(false);
                yield break;
            }

            if (state.InputTokens + state.OutputTokens > options.MaxTokens)
            {
                yield return await FinishAsync(state, chain, AgentRunStatus.MaxTokensReached,
                    $"The run used {state.InputTokens + state.OutputTokens} tokens, over its limit of {options.MaxTokens}.", cancellationToken).ConfigureAwait(false);
                yield break;
            }

            var calls = response.Output.OfType<FunctionCallItem>().ToList();
            if (calls.Count == 0)
            {
                yield return await FinishAsync(state, chain, AgentRunStatus.Completed, null, cancellationToken).ConfigureAwait(false);
                yield break;
            }

            pending = OutputsFor(state, calls, outcomes);
        }
    }

    /// <summary>Waits for a turn's calls, in the order they finish, journaling each result.</summary>
    private async IAsyncEnumerable<AgentEvent> CollectAsync(RunState state, int turn, List<Task<ToolOutcome>> dispatched, Dictionary<string, ToolOutcome> outcomes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var done in Task.WhenEach(dispatched).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var outcome = await done.ConfigureAwait(false);
            outcomes[outcome.CallId] = outcome;
            Taint(state, outcome.Name);
            await AuditToolAsync(state.Options, state, turn, outcome.CallId, outcome.Name, state.CallArguments.GetValueOrDefault(outcome.CallId, string.Empty), outcome.FromStore ? "from_store" : outcome.Result.IsError ? "error" : "ok", cancellationToken).ConfigureAwait(false);
            await AppendAsync(state.RunId, JournalEntryKind.ToolResult, JournalPayloads.ToolResult(turn, outcome), cancellationToken).ConfigureAwait(false);
            yield return new ToolCallFinishedEvent(_time.GetUtcNow(), turn, outcome);
        }
    }

    /// <summary>Why the call needs an approval, or <see langword="null"/> when it may run (checklist S2, S5).</summary>
    private string? NeedsApproval(FunctionCallItem call, AgentRunOptions options, RunState state)
    {
        if (options.Approvals is null || !_tools.TryGet(call.Name, out var tool) || tool.Definition.Risk != ToolRisk.High)
        {
            return null;
        }

        return options.ApprovalPolicy == Policy.ApprovalPolicy.Always ? $"{call.Name} is a high-risk tool"
            : state.Tainted ? $"{call.Name} is a high-risk tool and untrusted content has entered this run"
            : null;
    }

    /// <summary>Marks the run tainted once a tool with untrusted output has answered.</summary>
    private void Taint(RunState state, string toolName)
    {
        if (_tools.TryGet(toolName, out var tool) && tool.Definition.UntrustedOutput)
        {
            state.Tainted = true;
        }
    }

    /// <summary>One request per turn with every output, in the order the model made the calls.</summary>
    private static string? Redact(AgentRunOptions options, string? text) => options.Redactor is { } redactor ? redactor.Redact(text) : text;

    /// <summary>A user or developer message with its text redacted (S9); other items as they are.</summary>
    private static ResponseItem Redact(AgentRunOptions options, ResponseItem item) =>
        options.Redactor is not null && item is MessageItem { Role: "user" or "developer" or "system" } m && m.GetText() is { Length: > 0 } text && Redact(options, text) is { } clean && clean != text
            ? new MessageItem { Role = m.Role, Content = new MessageContent(clean) }
            : item;

    /// <summary>
    /// One request per turn with every output, in the order the model made the calls; with
    /// spotlighting each output is fenced as untrusted data from its tool (S1).
    /// </summary>
    private static List<ResponseItem> OutputsFor(RunState state, List<FunctionCallItem> calls, Dictionary<string, ToolOutcome> outcomes) =>
        calls.Select(c =>
        {
            var output = Redact(state.Options, outcomes.TryGetValue(c.CallId, out var o) ? o.Result.Output : "The call was not run.")!;
            return (ResponseItem)FunctionCallOutputItem.Create(c.CallId, state.Spotlight is { } fence ? fence.Fence(output, c.Name) : output);
        }).ToList();

    private async Task<RunFinishedEvent> FinishAsync(RunState state, ResponseChain chain, AgentRunStatus status, string? reason, CancellationToken cancellationToken)
    {
        var result = state.Result(status, reason, chain.Replays);
        await AuditRunAsync(state.Options, state, Tandem.Security.Audit.AuditEvents.RunFinished, status.ToString(), reason ?? string.Empty, cancellationToken).ConfigureAwait(false);
        await AppendAsync(state.RunId, JournalEntryKind.RunFinished, JournalPayloads.RunFinished(result), cancellationToken).ConfigureAwait(false);
        return new RunFinishedEvent(_time.GetUtcNow(), result);
    }
}
