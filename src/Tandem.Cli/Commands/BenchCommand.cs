using System.CommandLine;
using Spectre.Console;
using Tandem.Bench.Clients;
using Tandem.Bench.Reports;
using Tandem.Bench.Results;
using Tandem.Bench.Running;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem bench</c>: WebSocket mode against HTTP on real tool graphs — every client runs every
/// scenario against the embedded server (or a real endpoint), interleaved, after a warm-up; the
/// results go to a console table, <c>bench-results.json</c>, a Markdown report and PNG charts.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A reduced set in under a minute: chain-25 and fanout-8x4, 2 runs, a short warm-up, the profile and tools on a 0.1 clock." };
        var profile = new Option<string?>("--profile") { Description = "Latency profile of the embedded server: zero, openai-like (default) or a profile file." };
        var runs = new Option<int?>("--runs") { Description = "Measured runs per scenario and client (default 5; 2 with --quick)." };
        var warmup = new Option<int?>("--warmup-turns") { Description = "Turns each client runs before measuring (default 300; 60 with --quick)." };
        var timeScale = new Option<double?>("--time-scale") { Description = "Multiplies the profile's times and the tools' latencies (default 1; 0.1 with --quick)." };
        var scenario = new Option<string[]>("--scenario") { Description = "A scenario to run (repeatable; default: the bench set)." };
        var client = new Option<string[]>("--client") { Description = $"A client to run (repeatable; default: all of {string.Join(", ", BenchClients.Names)})." };
        var scenarios = new Option<string?>("--scenarios") { Description = "Folder of scenario files (default: scenarios/ above the working directory)." };
        var baseUrl = UriOption.Create("--base-url", "A real Responses API endpoint instead of the embedded server (key from OPENAI_API_KEY; needs --model).");
        var model = new Option<string?>("--model") { Description = "The model to name on a real endpoint." };
        var priceModel = new Option<string>("--price-model") { Description = "Whose prices the cost estimate uses.", DefaultValueFactory = _ => "gpt-5-mini" };
        var pricing = new Option<string?>("--pricing") { Description = "Pricing table (default: bench/pricing.json next to scenarios/)." };
        var maxCost = new Option<double>("--max-cost") { Description = "On a real endpoint, refuse to start when the estimated cost is above this (USD).", DefaultValueFactory = _ => 1.0 };
        var output = new Option<string>("--out") { Description = "Folder for bench-results.json, bench-report.md and the charts.", DefaultValueFactory = _ => "bench-results" };
        var noCharts = new Option<bool>("--no-charts") { Description = "Skip the PNG charts." };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of the live display (automatic when output is redirected)." };

        var command = new Command("bench", "Measure WebSocket mode against HTTP on tool-graph scenarios: Tandem, the official OpenAI SDK, Microsoft.Extensions.AI and raw clients.")
        {
            quick, profile, runs, warmup, timeScale, scenario, client, scenarios, baseUrl, model, priceModel, pricing, maxCost, output, noCharts, plain,
            BenchServerCommand.Create(),
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var options = new BenchOptions
            {
                Quick = isQuick,
                Profile = parse.GetValue(profile) ?? "openai-like",
                Runs = parse.GetValue(runs) ?? (isQuick ? 2 : 5),
                WarmupTurns = parse.GetValue(warmup) ?? (isQuick ? 60 : 300),
                TimeScale = parse.GetValue(timeScale) ?? (isQuick ? 0.1 : 1.0),
                ScenarioDirectory = parse.GetValue(scenarios),
                BaseUrl = parse.GetValue(baseUrl),
                ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
                Model = parse.GetValue(model),
                PriceModel = parse.GetValue(priceModel)!,
                PricingFile = parse.GetValue(pricing),
                MaxCostUsd = parse.GetValue(maxCost),
                OutputDirectory = parse.GetValue(output)!,
            };
            options.Scenarios.AddRange(parse.GetValue(scenario) ?? []);
            options.Clients.AddRange(parse.GetValue(client) ?? []);
            var commandLine = "tandem " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
            var live = !parse.GetValue(plain) && !Console.IsOutputRedirected;

            BenchResults results;
            try
            {
                results = live
                    ? await RunLiveAsync(options, commandLine, cancellationToken).ConfigureAwait(false)
                    : await BenchOrchestrator.RunAsync(options, commandLine, BenchClients.Names, BenchClients.Create, new PlainProgress(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException)
            {
                await Console.Error.WriteLineAsync($"tandem bench: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (InvalidOperationException ex)
            {
                // A client failed before measuring (warm-up or its first run): nothing to report.
                await Console.Error.WriteLineAsync($"tandem bench: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            BenchConsoleTable.Write(results);
            Directory.CreateDirectory(options.OutputDirectory);
            var jsonPath = Path.Combine(options.OutputDirectory, "bench-results.json");
            await File.WriteAllTextAsync(jsonPath, BenchResultsJson.Serialize(results), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> charts = [];
            if (!parse.GetValue(noCharts))
            {
                charts = BenchCharts.Write(results, Path.Combine(options.OutputDirectory, "charts"));
            }

            var reportPath = Path.Combine(options.OutputDirectory, "bench-report.md");
            await File.WriteAllTextAsync(reportPath, MarkdownReport.Write(results, charts.Count > 0 ? "charts" : null), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Wrote {jsonPath}, {reportPath}{(charts.Count > 0 ? $" and {charts.Count} charts in {Path.Combine(options.OutputDirectory, "charts")}" : string.Empty)}.");
            var failed = results.Scenarios.SelectMany(s => s.Results).Sum(r => r.Summary?.Errors ?? 0);
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<BenchResults> RunLiveAsync(BenchOptions options, string commandLine, CancellationToken cancellationToken)
    {
        BenchResults? results = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var warm = ctx.AddTask("warm-up", maxValue: 1);
                var measure = ctx.AddTask("measure", maxValue: 1);
                var progress = new Progress<BenchProgress>(p =>
                {
                    var task = p.Phase == "measure" ? measure : warm;
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = $"{p.Phase}: {Markup.Escape(p.Current)}{(p.LastWallMs is { } ms ? $" ({ms:0} ms)" : string.Empty)}";
                });
                results = await BenchOrchestrator.RunAsync(options, commandLine, BenchClients.Names, BenchClients.Create, progress, cancellationToken).ConfigureAwait(false);
                warm.Value = warm.MaxValue;
                measure.Value = measure.MaxValue;
            }).ConfigureAwait(false);
        return results!;
    }

    private sealed class PlainProgress : IProgress<BenchProgress>
    {
        private string? _lastPhase;

        public void Report(BenchProgress value)
        {
            if (value.Phase != _lastPhase || value.LastWallMs is not null)
            {
                _lastPhase = value.Phase;
                Console.WriteLine($"[{value.Phase} {value.Done}/{value.Total}] {value.Current}{(value.LastWallMs is { } ms ? $": {ms:0} ms" : string.Empty)}");
            }
        }
    }
}
