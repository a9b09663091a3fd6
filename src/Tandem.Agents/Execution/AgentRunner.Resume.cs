using System.Runtime.CompilerServices;
using Tandem.Agents.Durability;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>
/// Continuing a run after the process died, from its journal: finished tools are not run again (their
/// results are in the journal, and the idempotency store answers for any that finished after the last
/// entry); the chain is rebuilt from the journal's items (a <c>store:false</c> chain replays its full
/// context, since the connection that held it is gone); a turn that was in flight is fetched from the
/// server when it completed there, and sent again otherwise.
/// </summary>
public sealed partial class AgentRunner
{
    /// <summary>Resumes <paramref name="runId"/> and returns its result (at once, if it had already finished).</summary>
    public Task<AgentRunResult> ResumeToEndAsync(AgentRunOptions options, string runId, CancellationToken cancellationToken = default) =>
        LastResultAsync(ResumeAsync(options, runId, cancellationToken));

    /// <summary>Resumes <paramref name="runId"/> with the same options and tools it ran with.</summary>
    public async IAsyncEnumerable<AgentEvent> ResumeAsync(AgentRunOptions options, string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_journal is null)
        {
            throw new InvalidOperationException("ResumeAsync needs the run journal the run was written to.");
        }

        var entries = new List<JournalEntry>();
        await foreach (var entry in _journal.ReadAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        if (entries.Count == 0)
        {
            throw new InvalidOperationException($"The journal has no run '{runId}'.");
        }

        // The run keeps its fence: fenced outputs already in the history carry the marker it was started with.
        var marker = entries[0].Kind == JournalEntryKind.RunStarted ? (string?)JournalPayloads.Parse(entries[0].Payload)["spotlight_marker"] : null;
        var state = new RunState(runId, entries[0].At)
        {
            Options = options,
            Spotlight = !options.Spotlighting ? null : marker is null ? new Tandem.Security.Spotlighting.Spotlight() : new Tandem.Security.Spotlighting.Spotlight(marker),
            ClientCompaction = options.Compaction.Mode == Context.CompactionMode.Client,
        };
        var items = new List<ResponseItem>();
        var acknowledged = 0;
        var contextStart = 0;
        var nonces = new Dictionary<string, string>(StringComparer.Ordinal);
        string? lastId = null;
        var lastTurn = 0;
        var lastCalls = new List<FunctionCallItem>();
        List<ResponseItem>? openInput = null;
        var openTurn = 0;
        string? openResponseId = null;
        var openCalls = new List<FunctionCallItem>();
        var results = new Dictionary<string, ToolOutcome>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var p = JournalPayloads.Parse(entry.Payload);
            switch (entry.Kind)
            {
                case JournalEntryKind.RunStarted:
                    // Until the first turn is journaled, the run's input is all there is to send.
                    openInput = JournalPayloads.ItemsOf(p["input"]);
                    openTurn = 1;
                    break;
                case JournalEntryKind.InputItems:
                    openTurn = (int)p["turn"]!;
                    openInput = JournalPayloads.ItemsOf(p["items"]);
                    openResponseId = null;
                    openCalls.Clear();
                    break;
                case JournalEntryKind.ResponseStarted:
                    openResponseId = (string?)p["response_id"];
                    break;
                case JournalEntryKind.ToolCallDispatched:
                    openCalls.Add(JournalPayloads.CallOf(p["call"]!));
                    break;
                case JournalEntryKind.TurnCompleted:
                    var output = JournalPayloads.ItemsOf(p["output"]);
                    Accept(openInput ?? [], output, (string)p["response_id"]!, (int)p["turn"]!);
                    state.InputTokens += (long)p["input_tokens"]!;
                    state.CachedTokens += (long)p["cached_tokens"]!;
                    state.OutputTokens += (long)p["output_tokens"]!;
                    break;
                case JournalEntryKind.ToolResult:
                    var now = entry.At;
                    Taint(state, (string)p["name"]!);
                    results[(string)p["call_id"]!] = new ToolOutcome((string)p["call_id"]!, (string)p["name"]!, new ToolResult((string)p["output"]!, (bool)p["is_error"]!), now, now, Ran: false, FromStore: true);
                    break;
                case JournalEntryKind.ChainRestarted:
                    // Client-side compaction: everything so far (and a turn's unsent input) is in the
                    // summary; the chain starts again from it.
                    items.AddRange(openInput ?? []);
                    acknowledged = contextStart = items.Count;
                    lastId = null;
                    lastCalls.Clear();
                    openTurn = (int)p["turn"]!;
                    openInput = [RestartMessage((string)p["summary"]!)];
                    openResponseId = null;
                    openCalls.Clear();
                    break;
                case JournalEntryKind.ApprovalRequested:
                    nonces[(string)p["call_id"]!] = (string)p["nonce"]!;
                    break;
                case JournalEntryKind.RunFinished when (string?)p["status"] == nameof(AgentRunStatus.AwaitingApproval):
                    // Paused, not ended: a resume continues like a run that died between turns, using the
                    // approval given (or denied) meanwhile.
                    break;
                case JournalEntryKind.RunFinished:
                    var status = Enum.Parse<AgentRunStatus>((string)p["status"]!);
                    yield return new RunFinishedEvent(_time.GetUtcNow(), state.Result(status, (string?)p["reason"], 0) with { Output = (string?)p["output"] ?? string.Empty });
                    yield break;
            }
        }

        // A turn was in flight when the process died: if it completed on the server, take it from there
        // (its calls keep their ids, so the idempotency store recognises any that already ran).
        if (openInput is not null && openResponseId is not null && options.Store)
        {
            ResponseObject? stored = null;
            try
            {
                stored = await _client.GetAsync(openResponseId, cancellationToken).ConfigureAwait(false);
            }
            catch (ResponsesException ex) when (ex.Status == 404)
            {
                // The stream was cut before the server finished: the turn is sent again below.
            }

            if (stored is { Status: ResponseStatus.Completed })
            {
                await AppendAsync(runId, JournalEntryKind.TurnCompleted, JournalPayloads.TurnCompleted(openTurn, stored), cancellationToken).ConfigureAwait(false);
                Accept(openInput, stored.Output, stored.Id, openTurn);
                state.Completed(stored);
            }
        }

        IAsyncEnumerable<AgentEvent> rest;
        if (openInput is not null)
        {
            var chain = _client.RestoreChain(Template(options, state.Spotlight), items, lastId, acknowledged, options.Lane, contextStart);
            rest = LoopAsync(options, chain, state, openInput, openTurn, cancellationToken);
        }
        else
        {
            var chain = _client.RestoreChain(Template(options, state.Spotlight), items, lastId, acknowledged, options.Lane, contextStart);
            if (lastCalls.Count == 0)
            {
                yield return await FinishAsync(state, chain, AgentRunStatus.Completed, null, cancellationToken).ConfigureAwait(false);
                yield break;
            }

            // The last turn's calls: results from the journal; the rest run now — a call that finished
            // after the last journal entry is answered by the idempotency store, not run again.
            var missing = new List<Task<ToolOutcome>>();
            foreach (var call in lastCalls.Where(c => !results.ContainsKey(c.CallId)))
            {
                if (NeedsApproval(call, options, state) is { } why)
                {
                    // The run paused here (or died waiting): use the approval given meanwhile, if any.
                    var (decision, request, detail) = await DecideApprovalAsync(options, state, lastTurn, call, why, nonces.GetValueOrDefault(call.CallId), cancellationToken).ConfigureAwait(false);
                    if (request is not null)
                    {
                        yield return new ApprovalRequestedEvent(_time.GetUtcNow(), lastTurn, request);
                    }

                    if (decision == ApprovalDecision.Pending)
                    {
                        await foreach (var evt in CollectAsync(state, lastTurn, missing, results, cancellationToken).ConfigureAwait(false))
                        {
                            yield return evt;
                        }

                        yield return await FinishAsync(state, chain, AgentRunStatus.AwaitingApproval, detail, cancellationToken).ConfigureAwait(false);
                        yield break;
                    }

                    if (decision == ApprovalDecision.Denied)
                    {
                        var now = _time.GetUtcNow();
                        var denied = new ToolOutcome(call.CallId, call.Name, new ToolResult(detail, IsError: true), now, now, Ran: false, FromStore: false);
                        results[call.CallId] = denied;
                        await AppendAsync(runId, JournalEntryKind.ToolResult, JournalPayloads.ToolResult(lastTurn, denied), cancellationToken).ConfigureAwait(false);
                        yield return new ToolCallFinishedEvent(now, lastTurn, denied);
                        continue;
                    }
                }

                await AppendAsync(runId, JournalEntryKind.ToolCallDispatched, JournalPayloads.CallDispatched(lastTurn, call), cancellationToken).ConfigureAwait(false);
                await AuditToolAsync(options, state, lastTurn, call.CallId, call.Name, call.Arguments, "dispatched", cancellationToken).ConfigureAwait(false);
                yield return new ToolCallStartedEvent(_time.GetUtcNow(), lastTurn, call.CallId, call.Name, call.Arguments);
                missing.Add(await _dispatcher.DispatchAsync(runId, call, cancellationToken).ConfigureAwait(false));
            }

            await foreach (var evt in CollectAsync(state, lastTurn, missing, results, cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }

            rest = LoopAsync(options, chain, state, OutputsFor(state, lastCalls, results), lastTurn + 1, cancellationToken);
        }

        await foreach (var evt in rest.ConfigureAwait(false))
        {
            yield return evt;
        }

        void Accept(List<ResponseItem> input, List<ResponseItem> output, string responseId, int turn)
        {
            items.AddRange(input);
            items.AddRange(output);
            acknowledged = items.Count;
            lastId = responseId;
            lastTurn = turn;
            lastCalls = output.OfType<FunctionCallItem>().ToList();
            foreach (var call in lastCalls)
            {
                state.Count(call, options);
            }

            state.Last = new ResponseObject { Id = responseId, Status = ResponseStatus.Completed, Output = output };
            openInput = null;
            openResponseId = null;
            results.Clear();
        }
    }
}
