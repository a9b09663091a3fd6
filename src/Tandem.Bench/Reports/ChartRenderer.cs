using ScottPlot;
using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>Draws the planned charts with ScottPlot and saves them as PNG.</summary>
internal sealed class ChartRenderer
{
    public const int Width = 1000;
    public const int Height = 600;

    private readonly BenchResults _results;
    private readonly ClientStyles _styles;

    public ChartRenderer(BenchResults results)
    {
        _results = results;
        _styles = new ClientStyles(results);
    }

    public void Render(PlannedChart chart, string path)
    {
        using var plot = chart.Kind switch
        {
            ChartKind.TurnLatency => PerTurn(chart, Scenario(chart), t => t.CompletedMs, "turn latency, request to completed response (ms)", 1.0),
            ChartKind.BytesSent => BytesSent(chart, Scenario(chart)),
            ChartKind.MeasuredVsIdeal => MeasuredVsIdeal(chart),
            _ => throw new ArgumentOutOfRangeException(nameof(chart), chart.Kind, "Unknown chart."),
        };
        plot.SavePng(path, WidthFor(chart), Height);
    }

    private int WidthFor(PlannedChart chart)
    {
        if (chart.Kind != ChartKind.MeasuredVsIdeal)
        {
            return Width;
        }

        // Keep bars readable when there are many scenarios × clients.
        var bars = _results.Scenarios.Sum(s => s.Results.Count) * 2;
        return Math.Clamp(bars * 14 + 250, Width, 2400);
    }

    private ScenarioResult Scenario(PlannedChart chart) =>
        _results.Scenarios.First(s => s.Name == chart.Scenario);

    private Plot PerTurn(PlannedChart chart, ScenarioResult scenario, Func<Measurement.TurnMeasurement, double> value, string yLabel, double divisor)
    {
        var plot = NewPlot(chart.Title, "turn", yLabel);
        var maxTurn = 1;
        var maxValue = 0.0;
        foreach (var result in Ordered(scenario))
        {
            var series = ReportStats.MedianByTurn(result, value);
            if (series.Count == 0)
            {
                continue;
            }

            maxTurn = Math.Max(maxTurn, series[^1].Index);
            var xs = series.Select(p => (double)p.Index).ToArray();
            var ys = series.Select(p => p.Value / divisor).ToArray();
            maxValue = Math.Max(maxValue, ys.Max());
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = result.Client;
            line.Color = _styles.ColorOf(result.Client);
            line.LinePattern = _styles.PatternOf(result.Client);
            line.LineWidth = 2;
            line.MarkerSize = xs.Length > 40 ? 0 : 5;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        // From zero, so a gap between clients looks as large as it is.
        plot.Axes.SetLimits(0.5, maxTurn + 0.5, 0, maxValue > 0 ? maxValue * 1.08 : 1);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private Plot BytesSent(PlannedChart chart, ScenarioResult scenario)
    {
        var max = scenario.Results.SelectMany(r => r.Runs).SelectMany(r => r.Turns).Select(t => (double)t.BytesSent).DefaultIfEmpty(0).Max();
        var (divisor, unit) = max switch
        {
            >= 10.0 * 1024 * 1024 => (1024.0 * 1024, "MiB"),
            >= 10.0 * 1024 => (1024.0, "KiB"),
            _ => (1.0, "bytes"),
        };
        return PerTurn(chart, scenario, t => t.BytesSent, $"bytes sent per turn ({unit}, on the wire)", divisor);
    }

    private Plot MeasuredVsIdeal(PlannedChart chart)
    {
        var plot = NewPlot(chart.Title, "scenario", "median wall time per run (s)");
        var bars = new List<Bar>();
        var tickPositions = new List<double>();
        var tickLabels = new List<string>();
        var anyIdeal = false;
        const double barWidth = 0.8;
        const double groupGap = 1.2;
        var position = 0.0;
        foreach (var scenario in _results.Scenarios)
        {
            var rows = Ordered(scenario).Where(r => r.Summary is { } s && double.IsFinite(s.WallMsMedian)).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var start = position;
            foreach (var row in rows)
            {
                var summary = row.Summary!;
                var color = _styles.ColorOf(row.Client);
                bars.Add(new Bar
                {
                    Position = position,
                    Value = summary.WallMsMedian / 1000.0,
                    FillColor = color,
                    LineWidth = 0,
                    Size = barWidth,
                });
                position += 1;
                if (summary.IdealMsMedian is { } ideal && double.IsFinite(ideal))
                {
                    anyIdeal = true;
                    bars.Add(new Bar
                    {
                        Position = position,
                        Value = ideal / 1000.0,
                        FillColor = color.WithAlpha(0.35),
                        LineColor = color,
                        LineWidth = 1,
                        Size = barWidth,
                    });
                    position += 1;
                }
            }

            tickPositions.Add((start + position - 1) / 2.0);
            tickLabels.Add(scenario.Name);
            position += groupGap;
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. tickPositions], [.. tickLabels]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0.02, right: 0.02, bottom: 0, top: 0.15);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        foreach (var client in _styles.Clients.Where(c => _results.Scenarios.Any(s => s.Results.Any(r => r.Client == c && r.Summary is { } summary && double.IsFinite(summary.WallMsMedian)))))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = client, FillColor = _styles.ColorOf(client) });
        }

        if (anyIdeal)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "ideal (light bar, right of measured)",
                FillColor = Colors.Gray.WithAlpha(0.35),
                OutlineColor = Colors.Gray,
                OutlineWidth = 1,
            });
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private IEnumerable<ClientScenarioResult> Ordered(ScenarioResult scenario) =>
        scenario.Results.OrderBy(r => _styles.IndexOf(r.Client));

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Legend.FontSize = 13;
        ChartFonts.Apply(plot);
        return plot;
    }
}
