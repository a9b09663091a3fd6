using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

namespace Tandem.Voice.Harness;

/// <summary>Writes an <see cref="AbReport"/> as JSON, Markdown and a PNG chart.</summary>
public static class AbReportWriter
{
    public const string JsonFile = "voice-ab.json";
    public const string MarkdownFile = "voice-ab.md";
    public const string ChartFile = "voice-ab.png";

    /// <summary>
    /// Writes the three files into <paramref name="directory"/> and returns their paths.
    /// <paramref name="stylePlot"/> lets the host set fonts (a machine without fonts draws blank labels otherwise).
    /// </summary>
    public static IReadOnlyList<string> WriteAll(AbReport report, string directory, Action<Plot>? stylePlot = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, JsonFile);
        File.WriteAllText(json, ToJson(report));
        var markdown = Path.Combine(directory, MarkdownFile);
        File.WriteAllText(markdown, ToMarkdown(report, ChartFile));
        var chart = Path.Combine(directory, ChartFile);
        WriteChart(report, chart, stylePlot);
        return [json, markdown, chart];
    }

    public static string ToJson(AbReport report) => JsonSerializer.Serialize(report, HarnessJsonContext.Readable.AbReport);

    public static AbReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, HarnessJsonContext.Readable.AbReport) ?? throw new JsonException("The report is empty (null).");

    /// <summary>The headline table (all samples), per-kind and per-condition tables, and the paired comparisons.</summary>
    public static string ToMarkdown(AbReport report, string? chartFile = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Voice A/B: {report.ArmA} vs {report.ArmB}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{report.Samples} samples, {report.Policies.Count} policies, {report.ElapsedSeconds:0.#} s, {report.CreatedAt:yyyy-MM-dd HH:mm} UTC.");
        if (report.Caveat.Length > 0)
        {
            md.AppendLine();
            md.AppendLine("> " + report.Caveat);
        }

        md.AppendLine();
        md.AppendLine("Policies (each adds to the one before): " + string.Join("; ", report.Policies.Select(p =>
            $"**{p.Name}**" + (p.Checks.Count == 0 ? " (accept the first capture)" : $" ({string.Join(" → ", p.Checks)}; re-ask: {string.Join(" → ", p.Ladder)})"))) + ".");
        md.AppendLine();
        md.AppendLine("## All samples");
        md.AppendLine();
        Table(md, report.Summaries.Where(s => s.Group == "all"), includeGroup: false);
        if (chartFile is not null)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"![exact match and false accepts per arm and policy]({chartFile})");
        }

        md.AppendLine();
        md.AppendLine("## Paired comparisons");
        md.AppendLine();
        md.AppendLine("| metric | A | B | samples | only A | only B | B − A (95% bootstrap CI) | McNemar p |");
        md.AppendLine("|---|---|---|---:|---:|---:|---|---:|");
        foreach (var c in report.Comparisons)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Metric} | {c.A} | {c.B} | {c.Samples} | {c.OnlyA} | {c.OnlyB} | {Pct(c.Difference.Difference)} ({Pct(c.Difference.Low)} to {Pct(c.Difference.High)}){(c.Difference.ExcludesZero ? " *" : "")} | {c.McNemarP:0.####} |");
        }

        md.AppendLine();
        md.AppendLine("`*`: the interval excludes 0.");
        foreach (var (title, prefix) in new[] { ("By entity kind", "kind:"), ("By audio condition", "condition:") })
        {
            md.AppendLine();
            md.AppendLine("## " + title);
            md.AppendLine();
            Table(md, report.Summaries.Where(s => s.Group.StartsWith(prefix, StringComparison.Ordinal)), includeGroup: true);
        }

        return md.ToString();
    }

    private static void Table(StringBuilder md, IEnumerable<ArmSummary> rows, bool includeGroup)
    {
        md.AppendLine((includeGroup ? "| group " : "") + "| arm | policy | n | exact match | false accept | gave up | first-attempt capture | turns to capture | first-attempt CER | latency p50 / p95 |");
        md.AppendLine((includeGroup ? "|---" : "") + "|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in rows.OrderBy(s => s.Group, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{(includeGroup ? $"| {s.Group[(s.Group.IndexOf(':', StringComparison.Ordinal) + 1)..]} " : "")}| {s.Arm} | {s.Policy} | {s.Samples} | {Pct(s.ExactMatch)} | {Pct(s.FalseAcceptRate)} | {Pct(s.GiveUpRate)} | {Pct(s.FirstAttemptCapture)} | {(s.TurnsToCapture is { } t ? t.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {s.FirstAttemptCer:0.000} | {Ms(s.LatencyP50Ms)} / {Ms(s.LatencyP95Ms)} |");
        }
    }

    private static string Pct(double value) => (100 * value).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : "–";

    /// <summary>Grouped bars: exact match and false-accept rate for each arm × policy.</summary>
    public static void WriteChart(AbReport report, string path, Action<Plot>? stylePlot = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var plot = new Plot();
        var rows = report.Summaries.Where(s => s.Group == "all").ToList();
        var arms = new[] { report.ArmA, report.ArmB };
        var policies = report.Policies.Select(p => p.Name).ToList();
        var colors = new[] { Colors.SteelBlue, Colors.DarkOrange, Colors.LightSteelBlue, Colors.NavajoWhite };
        var ticks = new List<Tick>();
        var x = 0.0;
        foreach (var policy in policies)
        {
            var start = x;
            for (var a = 0; a < arms.Length; a++)
            {
                var row = rows.FirstOrDefault(r => r.Arm == arms[a] && r.Policy == policy);
                if (row is null)
                {
                    continue;
                }

                var match = plot.Add.Bar(x, 100 * row.ExactMatch);
                match.Color = colors[a];
                var falseAccept = plot.Add.Bar(x + 1, 100 * row.FalseAcceptRate);
                falseAccept.Color = colors[a + 2];
                x += 2.2;
            }

            ticks.Add(new Tick((start + x - 1.2) / 2, policy));
            x += 1.2;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsY(0, 105);
        plot.Title($"Captured right vs wrongly accepted: {report.ArmA} vs {report.ArmB} ({report.Samples} samples)");
        plot.YLabel("% of samples");
        plot.XLabel("fallback policy");
        plot.Legend.IsVisible = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{report.ArmA}: exact match", FillColor = colors[0] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{report.ArmA}: false accept", FillColor = colors[2] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{report.ArmB}: exact match", FillColor = colors[1] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{report.ArmB}: false accept", FillColor = colors[3] });
        plot.Legend.Alignment = Alignment.UpperRight;
        stylePlot?.Invoke(plot);
        plot.SavePng(path, 1100, 600);
    }
}
