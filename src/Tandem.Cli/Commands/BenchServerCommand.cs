using System.CommandLine;
using Tandem.Bench.Capacity;
using Tandem.Bench.Results;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem bench server</c>: the local server's capacity — N concurrent idle WebSocket connections
/// (memory per connection) and turns per second of small scripted responses (targets: 10,000 and 2,000/s).
/// </summary>
internal static class BenchServerCommand
{
    public static Command Create()
    {
        var connections = new Option<int>("--connections") { Description = "Idle WebSocket connections to open.", DefaultValueFactory = _ => 10_000 };
        var seconds = new Option<double>("--turn-seconds") { Description = "Length of the measured turns-per-second window.", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--turn-connections") { Description = "Connections sending turns back to back.", DefaultValueFactory = _ => 64 };
        var chain = new Option<int>("--chain-turns") { Description = "Chain this many turns with previous_response_id before starting over (0: every turn stands alone).", DefaultValueFactory = _ => 0 };
        var mode = new Option<CapacityServerMode>("--mode") { Description = "ChildProcess (default: the server's memory is its own), InProcess, or External (with --base-url).", DefaultValueFactory = _ => CapacityServerMode.ChildProcess };
        var baseUrl = UriOption.Create("--base-url", "An already running server (External mode); key from OPENAI_API_KEY if it needs one.");
        var output = new Option<string>("--out") { Description = "Folder for capacity-results.json.", DefaultValueFactory = _ => "bench-results" };

        var command = new Command("server", "Measure the local server's capacity: idle WebSocket connections (memory per connection) and turns per second.")
        {
            connections, seconds, concurrency, chain, mode, baseUrl, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new CapacityOptions
            {
                Connections = parse.GetValue(connections),
                TurnDuration = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                TurnConcurrency = parse.GetValue(concurrency),
                ChainTurns = parse.GetValue(chain),
                Mode = parse.GetValue(mode),
                BaseUrl = parse.GetValue(baseUrl),
                ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
            };

            CapacityResults results;
            try
            {
                results = await CapacityBench.RunAsync(options, new Progress<string>(Console.WriteLine), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FileNotFoundException)
            {
                await Console.Error.WriteLineAsync($"tandem bench server: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            Console.WriteLine(CapacityReport.ToText(results));
            var dir = parse.GetValue(output)!;
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "capacity-results.json");
            await File.WriteAllTextAsync(path, BenchResultsJson.Serialize(results), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Wrote {path}.");
            return results.MeetsConnectionTarget == false || results.MeetsTurnTarget == false ? 1 : 0;
        });
        return command;
    }
}
