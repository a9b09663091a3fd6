using System.Globalization;
using System.Text;
using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>Builds the text of <see cref="MarkdownReport"/>, section by section.</summary>
internal sealed class MarkdownReportWriter
{
    private const string Baseline = "tandem-http";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly BenchResults _results;
    private readonly string? _chartsDir;
    private readonly IReadOnlyList<PlannedChart> _charts;
    private readonly Dictionary<string, ClientInfo> _clients = new(StringComparer.Ordinal);
    private readonly StringBuilder _md = new();

    public MarkdownReportWriter(BenchResults results, string? chartsRelativeDir)
    {
        _results = results;
        _chartsDir = chartsRelativeDir is null ? null : NormalizeDir(chartsRelativeDir);
        _charts = chartsRelativeDir is null ? [] : ChartPlan.For(results);
        foreach (var client in results.Clients)
        {
            _clients.TryAdd(client.Name, client);
        }
    }

    private bool IsLocal => string.Equals(_results.Target.Kind, "local", StringComparison.OrdinalIgnoreCase);

    public string Write()
    {
        Header();
        Target();
        Settings();
        Clients();
        Scenarios();
        Meaning();
        Errors();
        Charts();
        return _md.ToString();
    }

    private void Header()
    {
        _md.Append("# Tandem bench report\n\n");
        Bullet("Command", ReportFormat.Code(_results.Command));
        var date = ReportFormat.Date(_results.StartedAt);
        if (_results.FinishedAt > _results.StartedAt)
        {
            date += $" (took {ReportFormat.Duration(_results.FinishedAt - _results.StartedAt)})";
        }

        Bullet("Date", date);
        var machine = _results.Machine;
        Bullet("Machine", $"{ReportFormat.SingleLine(machine.Os)}, {machine.ProcessorCount.ToString(Invariant)} logical processors, {ReportFormat.SingleLine(machine.Runtime)}");
        Bullet("Results schema", ReportFormat.Code(_results.Schema));
        _md.Append('\n');
    }

    private void Target()
    {
        var target = _results.Target;
        _md.Append("## Target\n\n");
        if (IsLocal)
        {
            var profile = target.ProfileName is null ? "(unnamed)" : ReportFormat.Code(target.ProfileName);
            var where = Uri.TryCreate(target.BaseUrl, UriKind.Absolute, out _) ? $" at {ReportFormat.Code(target.BaseUrl)}" : string.Empty;
            _md.Append($"The embedded local server{where} with the latency profile {profile}");
            _md.Append(target.Model is null ? "; each scenario is its own scripted model.\n\n" : $", model {ReportFormat.Code(target.Model)}.\n\n");
            if (target.Profile is { Count: > 0 } figures)
            {
                var scaled = Math.Abs(_results.Settings.TimeScale - 1.0) > 1e-12;
                _md.Append(scaled
                    ? $"Every figure of the profile, as the server charged it (after the time scale ×{ReportFormat.Plain(_results.Settings.TimeScale)}):\n\n"
                    : "Every figure of the profile, as the server charged it:\n\n");
                var table = new MarkdownTable().Column("figure").Column("value", rightAligned: true);
                foreach (var (name, value) in figures)
                {
                    table.Row(ReportFormat.Code(name), ReportFormat.Plain(value));
                }

                table.WriteTo(_md);
                _md.Append('\n');
            }
            else
            {
                _md.Append("The profile's figures were not recorded.\n\n");
            }
        }
        else
        {
            _md.Append($"A real endpoint: {ReportFormat.Code(target.BaseUrl)}, model {(target.Model is null ? "(not recorded)" : ReportFormat.Code(target.Model))}");
            if (!string.Equals(target.Kind, "remote", StringComparison.OrdinalIgnoreCase))
            {
                _md.Append($" (target kind {ReportFormat.Code(target.Kind)})");
            }

            _md.Append(".\n\n");
        }

        if (target.PriceModel is not null)
        {
            _md.Append($"Cost estimates use the prices of {ReportFormat.Code(target.PriceModel)}");
            if (target.PricingDate is not null)
            {
                _md.Append($" from the pricing table of {ReportFormat.SingleLine(target.PricingDate)}");
            }

            if (target.PricingSource is not null)
            {
                _md.Append($" (source: {ReportFormat.SingleLine(target.PricingSource)})");
            }

            _md.Append(".\n\n");
        }
        else
        {
            _md.Append("No pricing table was used: the report has no cost estimate.\n\n");
        }
    }

    private void Settings()
    {
        var settings = _results.Settings;
        _md.Append("## Settings\n\n");
        Bullet("Measured runs per client and scenario", settings.Runs.ToString(Invariant));
        Bullet("Warm-up turns per client", settings.WarmupTurns.ToString(Invariant));
        Bullet("Quick", settings.Quick ? "yes" : "no");
        Bullet("Time scale (profile times and tool latencies)", "×" + ReportFormat.Plain(settings.TimeScale) + (Math.Abs(settings.TimeScale - 1.0) <= 1e-12 ? " (as in the files)" : string.Empty));
        Bullet("Clients", settings.Clients.Count == 0 ? ReportFormat.Missing : string.Join(", ", settings.Clients.Select(ReportFormat.Code)));
        Bullet("Scenarios", settings.Scenarios.Count == 0 ? ReportFormat.Missing : string.Join(", ", settings.Scenarios.Select(ReportFormat.Code)));
        _md.Append('\n');
    }

    private void Clients()
    {
        if (_results.Clients.Count == 0)
        {
            return;
        }

        _md.Append("## Clients\n\n");
        var table = new MarkdownTable().Column("client").Column("transport").Column("what it is");
        foreach (var client in _results.Clients)
        {
            table.Row(ReportFormat.Code(client.Name), client.Transport, client.Description);
        }

        table.WriteTo(_md);
        _md.Append('\n');
    }

    private void Scenarios()
    {
        _md.Append("## Results\n\n");
        if (_results.Scenarios.Count == 0)
        {
            _md.Append("No scenario was run.\n\n");
            return;
        }

        foreach (var scenario in _results.Scenarios)
        {
            Scenario(scenario);
        }
    }

    private void Scenario(ScenarioResult scenario)
    {
        _md.Append($"### {ReportFormat.SingleLine(scenario.Name)}\n\n");
        if (!string.IsNullOrWhiteSpace(scenario.Description))
        {
            _md.Append(ReportFormat.SingleLine(scenario.Description).Trim()).Append("\n\n");
        }

        _md.Append($"{scenario.Turns.ToString(Invariant)} turns and {scenario.Calls.ToString(Invariant)} tool calls per run.\n\n");
        if (scenario.Results.Count == 0)
        {
            _md.Append("No client ran this scenario.\n\n");
            return;
        }

        var summaries = scenario.Results.Select(r => r.Summary).OfType<ResultSummary>().ToList();
        var hasIdeal = summaries.Any(s => s.IdealMsMedian is not null);
        var hasAllowance = summaries.Any(s => s.AllowanceMs is not null);
        var hasVerdict = summaries.Any(s => s.WithinAllowance is not null);
        var hasFirstOutput = summaries.Any(s => s.FirstOutputMsMedian is { } f && double.IsFinite(f));
        var hasGrowth = summaries.Any(s => s.BytesSentGrowth is not null);
        var hasCost = summaries.Any(s => s.CostUsdMedian is not null);
        var hasRatio = summaries.Any(s => s.RatioToHttpChained is not null);

        var table = new MarkdownTable()
            .Column("client")
            .Column("runs", rightAligned: true)
            .Column("errors", rightAligned: true)
            .Column("wall median", rightAligned: true)
            .Column("wall p95", rightAligned: true);
        if (hasIdeal)
        {
            table.Column("ideal", rightAligned: true).Column("over ideal", rightAligned: true).Column("over ideal %", rightAligned: true);
        }

        if (hasAllowance)
        {
            table.Column("allowance", rightAligned: true);
        }

        if (hasVerdict)
        {
            table.Column("verdict");
        }

        table.Column("turn median", rightAligned: true).Column("turn p95", rightAligned: true);
        if (hasFirstOutput)
        {
            table.Column("first output median", rightAligned: true);
        }

        table.Column("sent / run", rightAligned: true).Column("received / run", rightAligned: true);
        if (hasGrowth)
        {
            table.Column("sent growth", rightAligned: true);
        }

        table.Column("input tokens / run", rightAligned: true)
            .Column("cached tokens / run", rightAligned: true)
            .Column("extra connections", rightAligned: true)
            .Column("replays", rightAligned: true)
            .Column("retries", rightAligned: true);
        if (hasCost)
        {
            table.Column("cost / run", rightAligned: true);
        }

        if (hasRatio)
        {
            table.Column($"wall vs {Baseline}", rightAligned: true);
        }

        foreach (var result in scenario.Results)
        {
            var s = result.Summary;
            var cells = new List<string>
            {
                ReportFormat.Code(result.Client),
                (s?.Runs ?? result.Runs.Count).ToString(Invariant),
                (s?.Errors ?? ReportStats.FailedRuns(result)).ToString(Invariant),
                ReportFormat.Ms(s?.WallMsMedian),
                ReportFormat.Ms(s?.WallMsP95),
            };
            if (hasIdeal)
            {
                cells.Add(ReportFormat.Ms(s?.IdealMsMedian));
                cells.Add(ReportFormat.SignedMs(s?.OverIdealMsMedian));
                cells.Add(ReportFormat.SignedPercent(s?.OverIdealMsMedian, s?.IdealMsMedian));
            }

            if (hasAllowance)
            {
                cells.Add(ReportFormat.Ms(s?.AllowanceMs));
            }

            if (hasVerdict)
            {
                cells.Add(s?.WithinAllowance switch
                {
                    true => "✅ within",
                    false => "❌ over",
                    null => ReportFormat.Missing,
                });
            }

            cells.Add(ReportFormat.Ms(s?.TurnMsMedian));
            cells.Add(ReportFormat.Ms(s?.TurnMsP95));
            if (hasFirstOutput)
            {
                cells.Add(ReportFormat.Ms(s?.FirstOutputMsMedian));
            }

            cells.Add(ReportFormat.Bytes(s?.BytesSentMedian));
            cells.Add(ReportFormat.Bytes(s?.BytesReceivedMedian));
            if (hasGrowth)
            {
                cells.Add(ReportFormat.Ratio(s?.BytesSentGrowth));
            }

            cells.Add(ReportFormat.Count(s?.InputTokensMedian));
            cells.Add(ReportFormat.Count(s?.CachedTokensMedian));
            cells.Add(s is null ? ReportFormat.Missing : s.ExtraConnections.ToString(Invariant));
            cells.Add(s is null ? ReportFormat.Missing : s.Replays.ToString(Invariant));
            cells.Add(s is null ? ReportFormat.Missing : s.Retries.ToString(Invariant));
            if (hasCost)
            {
                cells.Add(ReportFormat.Usd(s?.CostUsdMedian));
            }

            if (hasRatio)
            {
                cells.Add(ReportFormat.Ratio(s?.RatioToHttpChained));
            }

            table.Row([.. cells]);
        }

        table.WriteTo(_md);
        _md.Append('\n');

        if (hasVerdict)
        {
            var held = scenario.Results.Where(r => r.Summary?.WithinAllowance is not null && IsTandem(r.Client)).ToList();
            var failed = held.Where(r => r.Summary!.WithinAllowance == false).Select(r => ReportFormat.Code(r.Client)).ToList();
            if (held.Count > 0)
            {
                _md.Append(failed.Count == 0
                    ? "Every Tandem client stays within its allowance on this scenario.\n\n"
                    : $"Over the allowance: {string.Join(", ", failed)}.\n\n");
            }
        }

        if (!hasRatio && IsLocal)
        {
            _md.Append($"No ratio: {ReportFormat.Code(Baseline)} did not run (or has no summary) on this scenario.\n\n");
        }

        var failures = scenario.Results.Where(r => ReportStats.FailedRuns(r) > 0).ToList();
        if (failures.Count > 0)
        {
            _md.Append("Runs failed here: ")
                .Append(string.Join(", ", failures.Select(r => $"{ReportFormat.Code(r.Client)} ({ReportStats.FailedRuns(r).ToString(Invariant)} of {r.Runs.Count.ToString(Invariant)})")))
                .Append("; see [Errors](#errors).\n\n");
        }

        foreach (var chart in _charts.Where(c => c.Scenario == scenario.Name))
        {
            _md.Append(Image(chart)).Append("\n\n");
        }
    }

    private void Meaning()
    {
        if (_results.Scenarios.Count == 0)
        {
            return;
        }

        var settings = _results.Settings;
        var target = _results.Target;
        _md.Append("## What the numbers mean\n\n");
        var runs = settings.Runs.ToString(Invariant);
        Note($"**Wall time** is one run end to end: every turn and every tool call, from the first request to the final answer. Median and p95 over the {runs} measured runs of each client (runs that failed are left out when any succeeded); with few runs the p95 is close to the slowest run. The clients are interleaved, on the same machine and the same server.");
        if (IsLocal)
        {
            Note("**Ideal** is the latency profile's unavoidable cost along the scenario's critical path, for the tokens each run really sent and what the server really had cached: what a client that costs nothing would take. **Over ideal** is the median over runs of (measured − ideal), so it is not wall median minus ideal median; the % is of the ideal median. It is what the client, its transport and the local machine add.");
            Note("**Allowance** is the bar of the benchmark method: WebSocket within 3% + 2 ms per turn of the ideal, HTTP within 5% + 3 ms per turn. The verdict compares the median over-ideal with it: ✅ within, ❌ over. Tandem's clients are held to it; the other clients are shown against the same bar for comparison only.");
        }

        Note("**Turn** latency runs from the moment a turn's request is sent to its response's completion; median and p95 over every turn of every run. **First output** is the time from the request to the turn's first streamed output (time to first token as the client sees it), median over turns.");
        Note("**Bytes** are what the client put on and took off the wire in a run, HTTP headers, SSE framing and WebSocket frame headers included" + (IsLocal ? string.Empty : " (and TLS records)") + "; medians over runs. **Sent growth** is the bytes sent in the last turn over those sent in the second: about 1× when only the new items go out (WebSocket, HTTP chained with `previous_response_id`), growing with the history when all of it is resent every turn (HTTP stateless, `store:false`).");
        Note(IsLocal
            ? "**Tokens** are per run (median): input tokens sent, and the part of them the server's connection cache already held (cached), counted by the local server with the o200k_base encoding."
            : "**Tokens** are per run (median): input tokens and the part of them the endpoint reported as cached, as its usage says.");
        Note("**Extra connections** are connections opened beyond the first of each run (reconnects, new HTTP connections), **replays** the times a client resent its history after `previous_response_not_found`, **retries** the requests retried; all three are totals over the runs.");
        if (target.PriceModel is not null)
        {
            Note($"**Cost** is an estimate of one run (median tokens) at the rates of {ReportFormat.Code(target.PriceModel)} in the pricing table, cached input at its cached rate: a comparison, not a bill.");
        }

        Note($"**Wall vs {Baseline}** is a client's median wall time over that of {ReportFormat.Code(Baseline)} (Tandem over HTTP+SSE chained with `previous_response_id`) on the same scenario: below 1× is faster.");
        if (IsLocal)
        {
            var profile = target.ProfileName is null ? "the latency profile" : $"the latency profile {ReportFormat.Code(target.ProfileName)}";
            Note($"**These ratios are not a result.** On the local server, how much WebSocket mode saves over HTTP is set by {profile}: its per-request overheads, the cost of loading a stored response and of re-rendering uncached input are inputs of the bench, printed above, not measurements of a real service. The local WebSocket-vs-HTTP ratio is reported, never claimed; claims about real savings come from runs against real endpoints. What the local server does measure for real is the clients themselves: their time over the ideal, their bytes, their connections.");
            if (string.Equals(target.ProfileName, "zero", StringComparison.OrdinalIgnoreCase))
            {
                Note("With the `zero` profile every server cost is 0, so the wall times are the clients' and the protocol's own overhead plus the tools' latencies.");
            }
        }
        else
        {
            Note($"These figures come from one machine, one network path and one stretch of time against {ReportFormat.Code(target.BaseUrl)}. A real endpoint's latency varies with its load and the route to it: compare medians of interleaved runs, not single runs, and run again before drawing conclusions.");
        }

        if (settings.Quick)
        {
            Note("This was a **quick** run (`--quick`, the short scenario set): a smoke check; do not draw conclusions from it.");
        }

        if (Math.Abs(settings.TimeScale - 1.0) > 1e-12)
        {
            Note($"Profile times and tool latencies were multiplied by ×{ReportFormat.Plain(settings.TimeScale)}, so the wall times are not those of the files as written; the ideal follows the same scale.");
        }

        _md.Append('\n');
    }

    private void Errors()
    {
        _md.Append("## Errors\n\n");
        var any = false;
        foreach (var scenario in _results.Scenarios)
        {
            foreach (var result in scenario.Results)
            {
                var failed = result.Runs.Select((run, i) => (Run: i + 1, run.Error)).Where(r => r.Error is not null).ToList();
                if (failed.Count == 0)
                {
                    continue;
                }

                any = true;
                _md.Append($"**{ReportFormat.Code(result.Client)}** on {ReportFormat.Code(scenario.Name)}: {failed.Count.ToString(Invariant)} of {result.Runs.Count.ToString(Invariant)} runs failed.\n\n");
                foreach (var group in failed.GroupBy(f => f.Error!.Trim(), StringComparer.Ordinal))
                {
                    var runs = group.Select(g => g.Run.ToString(Invariant)).ToList();
                    _md.Append(runs.Count == 1 ? $"Run {runs[0]}:\n\n" : $"Runs {string.Join(", ", runs)}:\n\n");
                    _md.Append(ReportFormat.CodeBlock(group.Key)).Append('\n');
                }
            }
        }

        if (!any)
        {
            _md.Append("No run failed.\n\n");
        }
    }

    private void Charts()
    {
        if (_chartsDir is null || _charts.Count == 0)
        {
            return;
        }

        _md.Append("## Charts\n\n");
        foreach (var chart in _charts.Where(c => c.Scenario is null))
        {
            _md.Append(Image(chart)).Append("\n\n");
        }

        foreach (var chart in _charts)
        {
            _md.Append($"- [{ReportFormat.SingleLine(chart.Title).Replace("]", "\\]", StringComparison.Ordinal)}]({Link(chart)})\n");
        }

        _md.Append('\n');
    }

    private string Image(PlannedChart chart) =>
        $"![{ReportFormat.SingleLine(chart.Title).Replace("]", "\\]", StringComparison.Ordinal)}]({Link(chart)})";

    private string Link(PlannedChart chart)
    {
        var path = string.IsNullOrEmpty(_chartsDir) ? chart.FileName : _chartsDir + "/" + chart.FileName;
        return Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
    }

    private void Bullet(string label, string value) => _md.Append("- **").Append(label).Append(":** ").Append(value).Append('\n');

    private void Note(string text) => _md.Append("- ").Append(text).Append('\n');

    private bool IsTandem(string client) =>
        client.StartsWith("tandem", StringComparison.Ordinal) || (_clients.TryGetValue(client, out var info) && info.Description.StartsWith("Tandem", StringComparison.Ordinal));

    private static string NormalizeDir(string dir)
    {
        var normalized = dir.Replace('\\', '/').Trim();
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        normalized = normalized.TrimEnd('/');
        return normalized == "." ? string.Empty : normalized;
    }
}
