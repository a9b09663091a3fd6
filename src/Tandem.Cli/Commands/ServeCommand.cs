using System.CommandLine;
using Tandem.Server;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem serve</c>: the local Responses API server (HTTP+SSE and WebSocket mode).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (repeatable or ';'-separated).", DefaultValueFactory = _ => ["http://127.0.0.1:8080"] };
        var keys = new Option<string[]>("--key") { Description = "An accepted API key (repeatable). Without keys, authentication is off." };
        var keysFile = new Option<string?>("--keys-file") { Description = "A file of accepted API keys, one per line." };
        var noWebSocket = new Option<bool>("--no-websocket") { Description = "Answer WebSocket upgrades with 426 so clients fall back to HTTP." };
        var store = new Option<string>("--store") { Description = "Response store: 'memory' or 'sqlite:PATH'.", DefaultValueFactory = _ => "memory" };
        var profile = new Option<string>("--profile") { Description = "Latency profile: 'zero', 'openai-like', or a profile JSON file.", DefaultValueFactory = _ => "zero" };
        var scenarios = new Option<string?>("--scenarios") { Description = "Folder of scenario files (default: scenarios/ above the working directory)." };
        var maxConnectionMinutes = new Option<double>("--max-connection-minutes") { Description = "Lifetime of one WebSocket connection.", DefaultValueFactory = _ => 60 };
        var maxMessageBytes = new Option<int>("--max-message-bytes") { Description = "Largest WebSocket message accepted (larger closes with 1009).", DefaultValueFactory = _ => 16 * 1024 * 1024 };
        var quiet = new Option<bool>("--quiet") { Description = "No per-request log lines." };
        var contextWindow = new Option<int>("--context-window") { Description = "Largest input in tokens; larger is refused with context_length_exceeded.", DefaultValueFactory = _ => 272_000 };
        var noCompaction = new Option<bool>("--no-compaction") { Description = "Refuse context_management as an unknown parameter (an endpoint without server-side compaction)." };

        var command = new Command("serve", "Run the local Responses API server (HTTP+SSE and WebSocket mode) with scripted backends.")
        {
            urls, keys, keysFile, noWebSocket, store, profile, scenarios, maxConnectionMinutes, maxMessageBytes, quiet, contextWindow, noCompaction,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new TandemServerOptions
            {
                KeysFile = parse.GetValue(keysFile),
                EnableWebSocket = !parse.GetValue(noWebSocket),
                Store = parse.GetValue(store)!,
                Profile = parse.GetValue(profile)!,
                ScenarioDirectory = parse.GetValue(scenarios),
                MaxConnectionDuration = TimeSpan.FromMinutes(parse.GetValue(maxConnectionMinutes)),
                MaxMessageBytes = parse.GetValue(maxMessageBytes),
                RequestLogging = !parse.GetValue(quiet),
                ContextWindowTokens = parse.GetValue(contextWindow),
                EnableCompaction = !parse.GetValue(noCompaction),
            };
            options.Urls.Clear();
            options.Urls.AddRange(parse.GetValue(urls)!.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            options.ApiKeys.AddRange(parse.GetValue(keys) ?? []);

            TandemServerHost host;
            try
            {
                host = await TandemServerHost.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException or IOException)
            {
                await Console.Error.WriteLineAsync($"tandem serve: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            await using (host.ConfigureAwait(false))
            {
                Console.WriteLine($"Tandem Responses server listening on {string.Join(", ", host.Addresses)} (WebSocket mode: {(options.EnableWebSocket ? host.WebSocketUri : "off")}; profile {host.Profile.Name}; store {options.Store}; {host.Scenarios.Names.Count} scenarios)");
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
