using System.Globalization;
using System.Text.Json;
using Tandem.Agents.Context;
using Tandem.Agents.Durability;
using Tandem.Responses;
using Tandem.Responses.Chains;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Agents.Execution;

/// <summary>
/// Keeping a long run under the context window. Server-side: every turn asks for
/// <c>context_management</c> compaction and the chain starts its context at the compaction item the
/// server returns. Client-side (the server refused the parameter, or <see cref="CompactionMode.Client"/>):
/// before a turn whose input would reach the threshold — or once, after <c>context_length_exceeded</c> —
/// the model is asked for a summary in a side request and the chain restarts from it. The summary goes
/// back as a <em>user</em> message, not a developer one: it is built from tool outputs, which must not
/// gain the authority of instructions.
/// </summary>
public sealed partial class AgentRunner
{
    private const string SummaryPurpose = "summary";

    // Characters per token for estimating what is about to be sent (JSON is denser in tokens than prose; this errs early).
    private const int CharsPerToken = 3;

    private static readonly JsonDocument ToolChoiceNone = JsonDocument.Parse("\"none\"");

    private static void AskForCompaction(ResponseCreateRequest template, AgentRunOptions options)
    {
        if (options.Compaction.Mode is CompactionMode.Auto or CompactionMode.Server)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(options.Compaction.Threshold, 1000, nameof(options));
            using var entry = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""[{"type":"compaction","compact_threshold":{{options.Compaction.Threshold}}}]"""));
            template.ContextManagement = entry.RootElement.Clone();
        }
    }

    /// <summary>The server refused <c>context_management</c>: in <see cref="CompactionMode.Auto"/> the run goes on compacting client-side.</summary>
    private static bool IsCompactionRefused(ResponsesException failure, AgentRunOptions options, RunState state) =>
        options.Compaction.Mode == CompactionMode.Auto && !state.ClientCompaction
        && failure.Status == 400 && failure.Param is { } param && param.StartsWith("context_management", StringComparison.Ordinal);

    private static bool IsContextTooLong(ResponsesException failure, AgentRunOptions options) =>
        options.Compaction.Mode != CompactionMode.Off && failure.Code == ErrorCodes.ContextLengthExceeded;

    /// <summary>Whether the next turn (its items about to be sent) would reach the threshold, judged by the last turn's usage.</summary>
    private static bool ShouldCompact(RunState state, AgentRunOptions options, IReadOnlyList<ResponseItem> pending) =>
        state.ClientCompaction
        && state.Last?.Usage is { } usage
        && usage.InputTokens + usage.OutputTokens + EstimateTokens(pending) >= options.Compaction.Threshold;

    private static long EstimateTokens(IEnumerable<ResponseItem> items) =>
        items.Sum(i => (long)ProtocolJson.Serialize(i).Length) / CharsPerToken;

    /// <summary>
    /// Asks for a summary of everything so far (the chain's context and <paramref name="pending"/>),
    /// journals it and restarts the chain from it; returns the next turn's input, or why it failed.
    /// </summary>
    private async Task<(List<ResponseItem>? Next, string? Failure)> CompactClientSideAsync(AgentRunOptions options, ResponseChain chain, RunState state, int turn, IReadOnlyList<ResponseItem> pending, bool tooLong, CancellationToken cancellationToken)
    {
        var ask = MessageItem.User("Summarise the conversation so far, as instructed.");
        var request = Template(options, state.Spotlight);
        request.ContextManagement = null;
        request.Instructions = options.Compaction.SummaryInstructions;
        request.ToolChoice = ToolChoiceNone.RootElement.Clone();
        request.Metadata = new Dictionary<string, string>(request.Metadata ?? [], StringComparer.Ordinal) { ["tandem_purpose"] = SummaryPurpose };

        ResponseObject summary;
        var rolling = false; // a rolling summary counts each of its requests itself
        try
        {
            if (!tooLong && chain.LastResponseId is { } last)
            {
                // The server holds the context: only the new items and the question go out.
                request.PreviousResponseId = last;
                request.Input = new ResponseInput([.. pending, ask]);
                try
                {
                    summary = await _client.CreateAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (ResponsesException ex) when (ex.IsPreviousResponseNotFound || ex.Code == ErrorCodes.ContextLengthExceeded)
                {
                    rolling = true;
                    summary = await SummariseRecentAsync(options, state, chain, pending, ask, request, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                rolling = true;
                summary = await SummariseRecentAsync(options, state, chain, pending, ask, request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ResponsesException ex)
        {
            return (null, $"Compacting the context failed: the summary request was refused: {ex.Message}");
        }

        if (!rolling)
        {
            state.Completed(summary, countAsLast: false);
        }

        var text = summary.GetOutputText();
        if (summary.Status != ResponseStatus.Completed || string.IsNullOrWhiteSpace(text))
        {
            return (null, $"Compacting the context failed: the summary request ended with status '{summary.Status}' and no text.");
        }

        await AppendAsync(state.RunId, JournalEntryKind.ChainRestarted, JournalPayloads.ChainRestarted(turn, text), cancellationToken).ConfigureAwait(false);
        chain.Restart();
        return ([RestartMessage(text)], null);
    }

    /// <summary>
    /// A stateless summary when the whole context no longer fits in one request (or the server lost
    /// it): a rolling summary over consecutive pieces that fit — each piece is summarised together with
    /// the summary of the pieces before it — so nothing is dropped. Pieces start within what the last
    /// accepted turn read and are halved while the server still finds one too long.
    /// </summary>
    private async Task<ResponseObject> SummariseRecentAsync(AgentRunOptions options, RunState state, ResponseChain chain, IReadOnlyList<ResponseItem> pending, MessageItem ask, ResponseCreateRequest request, CancellationToken cancellationToken)
    {
        var context = chain.Items.Skip(chain.ContextStart).Concat(pending).ToList();
        var budget = Math.Min(options.Compaction.Threshold, state.Last?.Usage?.InputTokens ?? options.Compaction.Threshold) * 3L / 4;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                ResponseObject? summary = null;
                foreach (var piece in Pieces(context, budget))
                {
                    request.PreviousResponseId = null;
                    request.Input = new ResponseInput(summary is null ? [.. piece, ask] : [RestartMessage(summary.GetOutputText()), .. piece, ask]);
                    summary = await _client.CreateAsync(request, cancellationToken).ConfigureAwait(false);
                    state.Completed(summary, countAsLast: false);
                }

                return summary!;
            }
            catch (ResponsesException ex) when (ex.Code == ErrorCodes.ContextLengthExceeded && attempt < 3)
            {
                budget /= 2;
            }
        }
    }

    /// <summary>
    /// Consecutive pieces of <paramref name="context"/> of about <paramref name="budget"/> tokens each,
    /// cut only where no call is waiting for its output (a call and its output stay together).
    /// </summary>
    private static List<List<ResponseItem>> Pieces(List<ResponseItem> context, long budget)
    {
        var pieces = new List<List<ResponseItem>>();
        var current = new List<ResponseItem>();
        var open = new HashSet<string>(StringComparer.Ordinal);
        var used = 0L;
        foreach (var item in context)
        {
            var size = EstimateTokens([item]);
            if (used + size > budget && open.Count == 0 && current.Count > 0)
            {
                pieces.Add(current);
                current = [];
                used = 0;
            }

            current.Add(item);
            used += size;
            switch (item)
            {
                case FunctionCallItem call:
                    open.Add(call.CallId);
                    break;
                case FunctionCallOutputItem output:
                    open.Remove(output.CallId);
                    break;
            }
        }

        if (current.Count > 0 || pieces.Count == 0)
        {
            pieces.Add(current);
        }

        return pieces;
    }

    private static MessageItem RestartMessage(string summary) => MessageItem.User(
        "The conversation was compacted to stay within the context window. Summary of everything so far:\n\n" + summary + "\n\nContinue the task from here.");

    /// <summary>A compaction item in the turn's output: the server compacted the context.</summary>
    private static bool ServerCompacted(ResponseObject response) => response.Output.Any(i => i is CompactionItem);
}
