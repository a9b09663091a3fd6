using Tandem.Bench.Clients;
using Tandem.Bench.Results;
using Tandem.Bench.Scenarios;
using Tandem.Server.Backends;
using Tandem.Server.Operations;

namespace Tandem.Bench.Running;

/// <summary>
/// Runs the bench as benchmark-method.md prescribes: every client warmed up on a zero-latency server
/// (hundreds of turns, so the JIT has settled), one unmeasured run each on the measured server (its
/// connections open), then N measured runs of every scenario with the clients interleaved — the order
/// rotates each time (A B C, B C A, …) so no client always runs first or after the same neighbour.
/// </summary>
public static class BenchOrchestrator
{
    public static async Task<BenchResults> RunAsync(
        BenchOptions options,
        string commandLine,
        IReadOnlyList<string> clientNames,
        Func<string, BenchTarget, IBenchClient> createClient,
        IProgress<BenchProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientNames);
        ArgumentNullException.ThrowIfNull(createClient);
        Validate(options);
        var directory = options.ScenarioDirectory
            ?? ScenarioCatalog.FindDirectory(Directory.GetCurrentDirectory())
            ?? ScenarioCatalog.FindDirectory(AppContext.BaseDirectory)
            ?? throw new ArgumentException("No scenarios/ folder found above the working directory; pass --scenarios DIR.");
        var catalog = ScenarioCatalog.Load(directory);
        var scenarios = SelectScenarios(options, catalog);
        var clients = options.Clients.Count > 0 ? options.Clients : [.. clientNames];
        foreach (var name in clients.Where(n => !clientNames.Contains(n)))
        {
            throw new ArgumentException($"Unknown client '{name}'. Clients: {string.Join(", ", clientNames)}.");
        }

        var (pricing, price) = LoadPricing(options, directory);
        var results = new BenchResults
        {
            StartedAt = DateTimeOffset.UtcNow,
            Command = commandLine,
            Machine = MachineInfo.Current(),
            Target = new TargetInfo { Kind = options.BaseUrl is null ? "local" : "remote", BaseUrl = options.BaseUrl?.ToString() ?? "embedded", Model = options.Model },
            Settings = new BenchSettings
            {
                Runs = options.Runs,
                WarmupTurns = options.WarmupTurns,
                Quick = options.Quick,
                TimeScale = options.TimeScale,
                Clients = [.. clients],
                Scenarios = [.. scenarios.Select(s => s.Name)],
            },
        };
        if (pricing is not null)
        {
            results.Target.PriceModel = options.PriceModel;
            results.Target.PricingDate = pricing.Date;
            results.Target.PricingSource = pricing.Source;
        }

        var served = new ServedLog();
        await using var warmServer = await LocalBenchServer.StartAsync(LatencyProfile.Zero, directory, served: null, cancellationToken).ConfigureAwait(false);
        LocalBenchServer? localServer = null;
        BenchTarget target;
        if (options.BaseUrl is { } remote)
        {
            if (string.IsNullOrEmpty(options.ApiKey) || string.IsNullOrEmpty(options.Model))
            {
                throw new ArgumentException("A real endpoint (--base-url) needs OPENAI_API_KEY and --model.");
            }

            SpendGuard.Check(options, scenarios, clients.Count, price);
            target = new BenchTarget(remote, options.ApiKey, options.Model);
        }
        else
        {
            var profile = LatencyProfile.Load(options.Profile).Scaled(options.TimeScale);
            localServer = await LocalBenchServer.StartAsync(profile, directory, served, cancellationToken).ConfigureAwait(false);
            target = new BenchTarget(localServer.BaseUrl, localServer.Key);
            results.Target.ProfileName = profile.Name;
            results.Target.Profile = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["request_overhead_ms"] = profile.RequestOverheadMs,
                ["http_request_overhead_ms"] = profile.HttpRequestOverheadMs,
                ["load_stored_response_ms_per_item"] = profile.LoadStoredResponseMsPerItem,
                ["render_ms_per_uncached_input_token"] = profile.RenderMsPerUncachedInputToken,
                ["time_to_first_token_ms"] = profile.TimeToFirstTokenMs,
                ["decode_tokens_per_second"] = profile.DecodeTokensPerSecond,
            };
        }

        try
        {
            await WarmUpAsync(options, clients, createClient, scenarios, warmServer, progress, cancellationToken).ConfigureAwait(false);
            var live = new List<IBenchClient>();
            try
            {
                foreach (var name in clients)
                {
                    live.Add(createClient(name, target));
                }

                results.Clients = [.. live.Select(c => new ClientInfo { Name = c.Name, Description = c.Description, Transport = c.Transport })];
                await MeasureAsync(options, live, scenarios, served, results, price, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                foreach (var client in live)
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (localServer is not null)
            {
                await localServer.DisposeAsync().ConfigureAwait(false);
            }
        }

        results.FinishedAt = DateTimeOffset.UtcNow;
        return results;
    }

    private static void Validate(BenchOptions options)
    {
        if (options.Runs < 1)
        {
            throw new ArgumentException($"--runs must be at least 1, not {options.Runs}.");
        }

        if (options.WarmupTurns < 0)
        {
            throw new ArgumentException($"--warmup-turns must be 0 or more, not {options.WarmupTurns}.");
        }

        if (!(options.TimeScale > 0) || double.IsInfinity(options.TimeScale))
        {
            throw new ArgumentException($"--time-scale must be a positive number, not {options.TimeScale}.");
        }
    }

    private static List<BenchScenario> SelectScenarios(BenchOptions options, ScenarioCatalog catalog)
    {
        var names = options.Scenarios.Count > 0 ? options.Scenarios : [.. options.Quick ? BenchSets.Quick : BenchSets.Full];
        var missing = names.Where(n => !catalog.TryGet(n, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Unknown scenario{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(m => $"'{m}'"))}. Scenarios: {string.Join(", ", catalog.Names.Order(StringComparer.Ordinal))}.");
        }

        var scenarios = new List<BenchScenario>();
        foreach (var name in names)
        {
            catalog.TryGet(name, out var source);
            var scenario = new BenchScenario(source, options.TimeScale);
            scenario.Validate();
            scenarios.Add(scenario);
        }

        return scenarios;
    }

    private static (PricingTable? Table, ModelPrice? Price) LoadPricing(BenchOptions options, string scenarioDirectory)
    {
        var path = options.PricingFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioDirectory))!, "bench", "pricing.json");
        if (!File.Exists(path))
        {
            if (options.PricingFile is not null)
            {
                throw new ArgumentException($"Pricing file '{path}' does not exist.");
            }

            return (null, null); // no table next to the scenarios: the report leaves cost out
        }

        var table = PricingTable.Load(path);
        return (table, table.For(options.PriceModel));
    }

    private static async Task WarmUpAsync(BenchOptions options, List<string> clients, Func<string, BenchTarget, IBenchClient> createClient, List<BenchScenario> scenarios, LocalBenchServer warmServer, IProgress<BenchProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.WarmupTurns == 0)
        {
            return;
        }

        var target = new BenchTarget(warmServer.BaseUrl, warmServer.Key);
        var done = 0;
        foreach (var name in clients)
        {
            var client = createClient(name, target);
            await using (client.ConfigureAwait(false))
            {
                for (var turns = 0; turns < options.WarmupTurns;)
                {
                    // The lightest scenarios first (by what their tools return): warm-up is about code paths, and a
                    // 200k-token history would spend it on the server's tokeniser.
                    foreach (var scenario in scenarios.OrderBy(Weight).Take(Math.Max(1, scenarios.Count - 1)))
                    {
                        progress?.Report(new BenchProgress("warm-up", done, clients.Count, $"{name} · {scenario.Name} ({turns}/{options.WarmupTurns} turns)"));
                        var run = await client.RunAsync(WithoutToolLatency(scenario), cancellationToken).ConfigureAwait(false);
                        if (run.Error is not null)
                        {
                            throw new InvalidOperationException($"Client '{name}' failed during warm-up on '{scenario.Name}': {run.Error}");
                        }

                        turns += run.Turns.Count;
                        if (turns >= options.WarmupTurns)
                        {
                            break;
                        }
                    }
                }
            }

            done++;
        }

        progress?.Report(new BenchProgress("warm-up", done, clients.Count, "done"));
    }

    private static long Weight(BenchScenario scenario) =>
        scenario.Source.Turns.SelectMany(t => t.Output).Where(o => o.Type == "function_call").Sum(o => (long)scenario.Tool(o.Name!).OutputBytes);

    // Warm-up exercises code paths, not waits: tools answer at once.
    private static BenchScenario WithoutToolLatency(BenchScenario scenario) => new(scenario.Source, 1e-9);

    private static async Task MeasureAsync(BenchOptions options, List<IBenchClient> clients, List<BenchScenario> scenarios, ServedLog served, BenchResults results, ModelPrice? price, IProgress<BenchProgress>? progress, CancellationToken cancellationToken)
    {
        // One unmeasured run each on the measured target: connections open, server-side caches warm.
        foreach (var client in clients)
        {
            progress?.Report(new BenchProgress("connect", 0, clients.Count, client.Name));
            var lightest = scenarios.OrderBy(Weight).First();
            var first = await client.RunAsync(lightest, cancellationToken).ConfigureAwait(false);
            if (first.Error is not null)
            {
                throw new InvalidOperationException($"Client '{client.Name}' failed its first run on '{lightest.Name}': {first.Error}");
            }
        }

        var byScenario = scenarios.ToDictionary(s => s.Name, s => new ScenarioResult
        {
            Name = s.Name,
            Description = s.Source.Description,
            Turns = s.Turns,
            Calls = s.Calls,
            Results = [.. clients.Select(c => new ClientScenarioResult { Client = c.Name })],
        });
        var total = options.Runs * scenarios.Count * clients.Count;
        var done = 0;
        for (var run = 0; run < options.Runs; run++)
        {
            for (var s = 0; s < scenarios.Count; s++)
            {
                var scenario = scenarios[s];
                for (var k = 0; k < clients.Count; k++)
                {
                    var client = clients[(k + run + s) % clients.Count];
                    progress?.Report(new BenchProgress("measure", done, total, $"{client.Name} · {scenario.Name} · run {run + 1}/{options.Runs}"));
                    var measured = await client.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
                    var result = byScenario[scenario.Name].Results.First(r => r.Client == client.Name);
                    result.Runs.Add(ToResult(measured, IdealTime.Of(measured, scenario, served)));
                    done++;
                    progress?.Report(new BenchProgress("measure", done, total, $"{client.Name} · {scenario.Name} · run {run + 1}/{options.Runs}", measured.WallMs));
                }
            }
        }

        foreach (var scenario in scenarios)
        {
            var sr = byScenario[scenario.Name];
            foreach (var result in sr.Results)
            {
                var transport = clients.First(c => c.Name == result.Client).Transport;
                result.Summary = Summaries.Of(result, transport, price);
            }

            Summaries.RelateToBaseline(sr);
            results.Scenarios.Add(sr);
        }
    }

    private static RunResult ToResult(Measurement.RunMeasurement m, double? ideal) => new()
    {
        WallMs = m.WallMs,
        IdealMs = m.Error is null ? ideal : null,
        Output = m.Output,
        Error = m.Error,
        ExtraConnections = m.ExtraConnections,
        Replays = m.Replays,
        Retries = m.Retries,
        Turns = [.. m.Turns],
    };
}
