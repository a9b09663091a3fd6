using System.Globalization;
using Spectre.Console;
using Tandem.Agents.Execution;

namespace Tandem.Cli.Commands;

/// <summary>How <c>tandem run</c> shows a run: a live table (Spectre.Console) or plain lines.</summary>
internal static class RunView
{
    public static async Task<AgentRunResult> PlainAsync(IAsyncEnumerable<AgentEvent> events)
    {
        AgentRunResult? result = null;
        await foreach (var evt in events.ConfigureAwait(false))
        {
            var line = Describe(evt);
            if (line is not null)
            {
                Console.WriteLine(line);
            }

            if (evt is RunFinishedEvent finished)
            {
                result = finished.Result;
            }
        }

        return result ?? throw new InvalidOperationException("The run ended without a result.");
    }

    public static async Task<AgentRunResult> LiveAsync(IAsyncEnumerable<AgentEvent> events)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("turn", "event", "detail", "ms");
        AgentRunResult? result = null;
        var started = DateTimeOffset.UtcNow;
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            await foreach (var evt in events.ConfigureAwait(false))
            {
                if (evt is RunFinishedEvent finished)
                {
                    result = finished.Result;
                }

                if (evt is TextDeltaEvent)
                {
                    continue; // the answer is printed whole at the end
                }

                if (Describe(evt) is { } line)
                {
                    var turn = evt switch
                    {
                        TurnStartedEvent t => t.Turn,
                        ToolCallStartedEvent t => t.Turn,
                        ToolCallFinishedEvent t => t.Turn,
                        TurnCompletedEvent t => t.Turn,
                        _ => 0,
                    };
                    table.AddRow(turn == 0 ? string.Empty : turn.ToString(CultureInfo.InvariantCulture), Markup.Escape(evt.GetType().Name.Replace("Event", string.Empty, StringComparison.Ordinal)),
                        Markup.Escape(line), (evt.At - started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
                    context.Refresh();
                }
            }
        }).ConfigureAwait(false);

        if (result is not null)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Status.ToString())}[/] run {Markup.Escape(result.RunId)}: {Markup.Escape(result.Output)}");
        }

        return result ?? throw new InvalidOperationException("The run ended without a result.");
    }

    private static string? Describe(AgentEvent evt) => evt switch
    {
        TurnStartedEvent t => $"turn {t.Turn} started ({t.ItemsSent} items sent)",
        ToolCallStartedEvent t => $"tool {t.Name} {t.Arguments} started (call {t.CallId})",
        ToolCallFinishedEvent t => $"tool {t.Outcome.Name} finished in {(t.Outcome.FinishedAt - t.Outcome.StartedAt).TotalMilliseconds:0} ms{(t.Outcome.FromStore ? " (stored result)" : string.Empty)}: {t.Outcome.Result.Output}",
        TurnCompletedEvent t => $"turn {t.Turn} completed: {t.ResponseId} with {t.ToolCalls} tool calls",
        ChainReplayedAgentEvent r => $"chain replayed ({r.Reason})",
        ContextCompactedEvent c => $"context compacted by the {(c.By == Tandem.Agents.Context.CompactionMode.Server ? "server" : "client (summary, chain restarted)")}",
        TurnRetriedEvent r => $"turn {r.Turn} sent again: {r.Reason}",
        ApprovalRequestedEvent a => $"approval needed for {a.Request.ToolName}: {a.Request.Reason} ({a.Request.Nonce})",
        RunFinishedEvent f => $"run {f.Result.RunId} {f.Result.Status}{(f.Result.Reason is { } r ? $" ({r})" : string.Empty)}: {f.Result.Output}",
        _ => null,
    };
}
