using System.Globalization;
using Spectre.Console;
using Tandem.Bench.Results;

namespace Tandem.Cli.Commands;

/// <summary>The console summary of a bench run: one table per scenario, one row per client.</summary>
internal static class BenchConsoleTable
{
    public static void Write(BenchResults results)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200; // a log file has no width; keep each row on one line
        }

        var profile = results.Target.ProfileName is { } p ? $"profile {p}" : $"{results.Target.BaseUrl} ({results.Target.Model})";
        AnsiConsole.MarkupLine($"[bold]tandem bench[/] — {Markup.Escape(profile)}, {results.Settings.Runs} runs, warm-up {results.Settings.WarmupTurns} turns, time scale {results.Settings.TimeScale.ToString(CultureInfo.InvariantCulture)}");
        foreach (var scenario in results.Scenarios)
        {
            var table = new Table().Title($"{Markup.Escape(scenario.Name)} ({scenario.Turns} turns, {scenario.Calls} calls)")
                .AddColumns("client", "wall median", "p95", "ideal", "over ideal", "within bar", "turn median", "sent/run", "recv/run", "cached tok", "vs tandem-http", "errors");
            foreach (var r in scenario.Results)
            {
                if (r.Summary is not { } s)
                {
                    continue;
                }

                table.AddRow(
                    Markup.Escape(r.Client),
                    Ms(s.WallMsMedian),
                    Ms(s.WallMsP95),
                    s.IdealMsMedian is { } ideal ? Ms(ideal) : "—",
                    s.OverIdealMsMedian is { } over && s.IdealMsMedian is > 0 ? $"{Ms(over)} ({over / s.IdealMsMedian.Value:P1})" : "—",
                    s.WithinAllowance switch { true => "[green]yes[/]", false => "[red]no[/]", null => "—" },
                    Ms(s.TurnMsMedian),
                    Bytes(s.BytesSentMedian),
                    Bytes(s.BytesReceivedMedian),
                    s.CachedTokensMedian.ToString("0", CultureInfo.InvariantCulture),
                    s.RatioToHttpChained is { } ratio ? ratio.ToString("0.00×", CultureInfo.InvariantCulture) : "—",
                    s.Errors == 0 ? "0" : $"[red]{s.Errors}[/]");
            }

            AnsiConsole.Write(table);
            foreach (var error in scenario.Results.SelectMany(r => r.Runs.Where(x => x.Error is not null).Select(x => (r.Client, x.Error))).Distinct().Take(5))
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(error.Client)}: {Markup.Escape(error.Error!)}[/]");
            }
        }
    }

    private static string Ms(double ms) => ms >= 10_000 ? (ms / 1000).ToString("0.0 s", CultureInfo.InvariantCulture) : ms.ToString("0.0 ms", CultureInfo.InvariantCulture);

    private static string Bytes(double bytes) => bytes >= 1 << 20 ? (bytes / (1 << 20)).ToString("0.0 MB", CultureInfo.InvariantCulture)
        : bytes >= 1 << 10 ? (bytes / (1 << 10)).ToString("0.0 KB", CultureInfo.InvariantCulture)
        : bytes.ToString("0 B", CultureInfo.InvariantCulture);
}
