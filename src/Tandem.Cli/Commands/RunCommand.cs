using System.CommandLine;
using Spectre.Console;
using Tandem.Agents.Context;
using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Server;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem run</c>: runs an agent with the built-in demo tools against the embedded server (a
/// scenario, no key) or a real endpoint, showing turns and tool calls live, journaled so that
/// <c>--resume RUN</c> continues it after a crash.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model, or scenario/<name> on the embedded server.", DefaultValueFactory = _ => "scenario/weather-three-turn" };
        var input = new Option<string>("--input") { Description = "The user's message.", DefaultValueFactory = _ => "What's the weather in Paris?" };
        var baseUrl = UriOption.Create("--base-url", "A Responses API endpoint (key from OPENAI_API_KEY). Default: the embedded server.");
        var transport = new Option<string>("--transport") { Description = "ws or http.", DefaultValueFactory = _ => "ws" };
        var journal = new Option<string>("--journal") { Description = "Run journal and idempotency store: sqlite:PATH or postgres:CONNECTION.", DefaultValueFactory = _ => "sqlite:" + Path.Combine(".tandem", "runs.db") };
        var resume = new Option<string?>("--resume") { Description = "Continue this run id from the journal." };
        var profile = new Option<string>("--profile") { Description = "Latency profile of the embedded server.", DefaultValueFactory = _ => "zero" };
        var plain = new Option<bool>("--plain") { Description = "Plain lines instead of the live view (automatic when output is redirected)." };

        var compaction = new Option<CompactionMode>("--compaction") { Description = "auto (server-side, client-side where the server has none), server, client or off.", DefaultValueFactory = _ => CompactionMode.Auto };
        var compactThreshold = new Option<int>("--compact-threshold") { Description = "Input tokens at which the context is compacted (at least 1000).", DefaultValueFactory = _ => 200_000 };
        compactThreshold.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1000)
            {
                r.AddError("--compact-threshold must be at least 1000.");
            }
        });

        var command = new Command("run", "Run an agent with the built-in demo tools; the run is journaled and can be resumed.")
        {
            model, input, baseUrl, transport, journal, resume, profile, plain, compaction, compactThreshold,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(transport) is not ("ws" or "http"))
            {
                await Console.Error.WriteLineAsync($"tandem run: --transport must be 'ws' or 'http', not '{parse.GetValue(transport)}'.").ConfigureAwait(false);
                return 2;
            }

            IRunJournal runJournal;
            IIdempotencyStore store;
            try
            {
                var spec = parse.GetValue(journal)!;
                if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && Path.GetDirectoryName(spec["sqlite:".Length..]) is { Length: > 0 } dir)
                {
                    Directory.CreateDirectory(dir);
                }

                runJournal = DurabilityStores.CreateRunJournal(spec);
                store = DurabilityStores.CreateIdempotencyStore(spec);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"tandem run: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            TandemServerHost? embedded = null;
            var endpoint = parse.GetValue(baseUrl);
            var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
            if (endpoint is null)
            {
                var serverOptions = new TandemServerOptions { Profile = parse.GetValue(profile)!, RequestLogging = false };
                serverOptions.Urls.Clear();
                serverOptions.Urls.Add("http://127.0.0.1:0");
                embedded = await TandemServerHost.StartAsync(serverOptions, logging => { }, cancellationToken).ConfigureAwait(false);
                endpoint = new Uri(embedded.BaseAddress, "/v1/");
                key = "local";
            }
            else if (string.IsNullOrEmpty(key))
            {
                await Console.Error.WriteLineAsync("tandem run: --base-url needs a key in OPENAI_API_KEY.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var clientOptions = new ResponsesClientOptions
                {
                    BaseUrl = endpoint,
                    Transport = parse.GetValue(transport) == "ws" ? ResponsesTransportKind.WebSocket : ResponsesTransportKind.HttpSse,
                };
                clientOptions.ApiKeys.Add(key!);
                await using var client = new ResponsesClient(clientOptions);
                var tools = DemoTools.Create();
                await using var dispatcher = new ToolDispatcher(tools, store: store);
                var runner = new AgentRunner(client, tools, dispatcher, runJournal);
                var options = new AgentRunOptions
                {
                    Model = parse.GetValue(model)!,
                    Compaction = new CompactionOptions { Mode = parse.GetValue(compaction), Threshold = parse.GetValue(compactThreshold) },
                };
                var events = parse.GetValue(resume) is { } runId
                    ? runner.ResumeAsync(options, runId, cancellationToken)
                    : runner.RunAsync(options, [MessageItem.User(parse.GetValue(input)!)], cancellationToken: cancellationToken);
                var live = !parse.GetValue(plain) && !Console.IsOutputRedirected;
                var result = live ? await RunView.LiveAsync(events).ConfigureAwait(false) : await RunView.PlainAsync(events).ConfigureAwait(false);
                return result.Status is AgentRunStatus.Completed ? 0 : 1;
            }
            catch (Exception ex) when (ex is ResponsesException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"tandem run: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            finally
            {
                if (embedded is not null)
                {
                    await embedded.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        return command;
    }
}
