using System.Diagnostics;
using System.Text.Json.Nodes;
using Tandem.Agents.Durability;
using Tandem.Agents.Execution;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Tests.Support;

/// <summary>
/// A run in a child process that kills itself with SIGKILL right after a chosen journal entry is
/// written — a crash at a known point. The child is the test executable itself, switched by
/// <see cref="Variable"/>, so it runs exactly the code under test.
/// </summary>
internal static class AgentWorkerProcess
{
    public const string Variable = "TANDEM_TEST_AGENT_WORKER";

    public static readonly AgentRunOptions Options = new() { Model = "scenario/report", MaxTurns = 10 };

    /// <summary>The scenario: a lookup; then a side effect and a lookup in parallel; then the answer.</summary>
    public static ScenarioFiles Scenario() => new ScenarioFiles().Add("report",
        new JsonArray(ScenarioFiles.Call("get_weather", new JsonObject { ["city"] = "Paris" })),
        new JsonArray(
            ScenarioFiles.Call("send_report", new JsonObject { ["text"] = "Paris is sunny" }),
            ScenarioFiles.Call("get_time", new JsonObject { ["city"] = "Paris" })),
        new JsonArray(ScenarioFiles.Text("Done. The last tool said: {{last_output}}")));

    /// <summary>The tools; <c>send_report</c> has a side effect (a line in <paramref name="effectsFile"/>) and is not replay-safe.</summary>
    public static ToolRegistry Tools(string effectsFile) => new ToolRegistry()
        .Add(FunctionTool.Create((string city) => $"sunny in {city}", "get_weather", configure: Quick))
        .Add(FunctionTool.Create((string city) => "14:05", "get_time", configure: Quick))
        .Add(FunctionTool.Create((string text) =>
        {
            File.AppendAllText(effectsFile, text + Environment.NewLine);
            return "report sent";
        }, "send_report", configure: d => new ToolDefinition
        {
            Name = d.Name,
            Description = d.Description,
            Parameters = d.Parameters,
            Strict = d.Strict,
            SideEffect = SideEffect.External,
            ReplaySafe = false,
            Timeout = TimeSpan.FromSeconds(2),
        }));

    // Short timeouts: a call interrupted by the crash is recognised as stale (and re-run, for these
    // read-only tools) within seconds on resume.
    private static ToolDefinition Quick(ToolDefinition d) => new()
    {
        Name = d.Name,
        Description = d.Description,
        Parameters = d.Parameters,
        Strict = d.Strict,
        Timeout = TimeSpan.FromSeconds(2),
    };

    public static Process Start(Uri baseUrl, string storeSpec, string effectsFile, string runId, string crashAt)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to start a worker from.");
        var start = new ProcessStartInfo { FileName = self, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(AgentWorkerProcess).Assembly.Location);
        }

        start.Environment[Variable] = string.Join('|', baseUrl, storeSpec, effectsFile, runId, crashAt);
        return Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
    }

    public static ResponsesClient Client(Uri baseUrl)
    {
        var options = new ResponsesClientOptions { BaseUrl = new Uri(baseUrl, "/v1/"), Transport = ResponsesTransportKind.WebSocket, KeyProbeInterval = TimeSpan.Zero };
        options.ApiKeys.Add(Server.Tests.Support.TestServer.KeyA);
        return new ResponsesClient(options);
    }

    /// <summary>Called first by Program.Main: when the variable is set, this process is a worker and exits here.</summary>
    internal static void RunIfWorker()
    {
        var variable = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(variable))
        {
            return;
        }

        var p = variable.Split('|');
        try
        {
            WorkAsync(new Uri(p[0]), p[1], p[2], p[3], p[4]).GetAwaiter().GetResult();
            Console.WriteLine("finished without crashing");
            Environment.Exit(0);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            Environment.Exit(3);
        }
    }

    private static async Task WorkAsync(Uri baseUrl, string storeSpec, string effectsFile, string runId, string crashAt)
    {
        var journal = new CrashingJournal(DurabilityStores.CreateRunJournal(storeSpec), crashAt);
        await using var client = Client(baseUrl);
        var tools = Tools(effectsFile);
        await using var dispatcher = new ToolDispatcher(tools, store: DurabilityStores.CreateIdempotencyStore(storeSpec));
        var runner = new AgentRunner(client, tools, dispatcher, journal);
        await runner.RunToEndAsync(Options, [MessageItem.User("Report the weather in Paris.")], runId);
    }

    /// <summary>Kills the process (SIGKILL) right after the entry "Kind#n" (the n-th of that kind) is durable.</summary>
    private sealed class CrashingJournal(IRunJournal inner, string crashAt) : IRunJournal
    {
        private readonly Dictionary<JournalEntryKind, int> _seen = [];

        public async ValueTask<JournalEntry> AppendAsync(string runId, JournalEntryKind kind, string payload, CancellationToken cancellationToken)
        {
            var entry = await inner.AppendAsync(runId, kind, payload, cancellationToken);
            int n;
            lock (_seen)
            {
                n = _seen[kind] = _seen.GetValueOrDefault(kind) + 1;
            }

            if ($"{kind}#{n}" == crashAt)
            {
                Process.GetCurrentProcess().Kill(); // SIGKILL: no finally blocks, no flushing
            }

            return entry;
        }

        public IAsyncEnumerable<JournalEntry> ReadAsync(string runId, CancellationToken cancellationToken) => inner.ReadAsync(runId, cancellationToken);

        public IAsyncEnumerable<string> ListUnfinishedAsync(CancellationToken cancellationToken) => inner.ListUnfinishedAsync(cancellationToken);
    }
}
