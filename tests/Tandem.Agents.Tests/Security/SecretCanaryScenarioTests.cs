using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tandem.Agents.Execution;
using Tandem.Agents.Tests.Support;
using Tandem.Agents.Tools;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Responses.Tests.Support;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;
using Tandem.Server.Tests.Support;

namespace Tandem.Agents.Tests.Security;

/// <summary>
/// Checklist S9 over a whole scenario: a canary secret in the environment and one in a secrets file;
/// the user pastes one into the prompt and a tool leaks the other in its output. Neither reaches the
/// model (every request the server received is scanned), the client's logs, its spans, or the audit log.
/// </summary>
public sealed class SecretCanaryScenarioTests : IDisposable
{
    private readonly string _envName = "TANDEM_CANARY_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _envCanary = "canary-env-" + Guid.NewGuid().ToString("N");
    private readonly string _fileCanary = "canary-file-" + Guid.NewGuid().ToString("N");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tandem-canary-");

    public SecretCanaryScenarioTests() => Environment.SetEnvironmentVariable(_envName, _envCanary);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_envName, null);
        _dir.Delete(recursive: true);
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + exception);
        }
    }

    [Fact]
    public async Task RunAsync_CanariesInEnvAndSecretsFile_NeverReachTheModelLogsSpansOrAudit()
    {
        var ct = TestContext.Current.CancellationToken;
        var secretsFile = Path.Combine(_dir.FullName, "secrets.env");
        await File.WriteAllTextAsync(secretsFile, $"DEPLOY_PASSWORD={_fileCanary}\n", ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secretsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var store = new SecretStore(new EnvironmentSecretProvider(_envName), new FileSecretProvider(secretsFile));
        store.Require(_envName, "DEPLOY_PASSWORD");
        var redactor = new Redactor(store);

        var recorder = new RecordingBackend();
        var logs = new ConcurrentQueue<string>();
        var spans = new ConcurrentQueue<string>();
        using var listener = ActivityRedaction.CreateListener(redactor, source => source.Name.StartsWith("Tandem", StringComparison.Ordinal));
        using var exporter = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Tandem", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Enqueue(a.DisplayName + string.Join(";", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
        };
        ActivitySource.AddActivityListener(exporter);
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RedactingLoggerProvider(new CapturingProvider(logs), redactor)));
        var auditPath = Path.Combine(_dir.FullName, "audit.jsonl");

        using var scenarios = new ScenarioFiles().Add("leaky",
            new JsonArray(ScenarioFiles.Call("read_config", new JsonObject { ["name"] = "deploy" })),
            new JsonArray(ScenarioFiles.Text("Read it: {{last_output}}")));
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ScenarioDirectory = scenarios.Path;
            o.Backends.Add(recorder);
        });
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket, o => o.LoggerFactory = loggerFactory);
        var tools = new ToolRegistry().Add(FunctionTool.Create((string name) => $"token={Environment.GetEnvironmentVariable(_envName)} ok", "read_config"));
        await using var dispatcher = new ToolDispatcher(tools);
        AgentRunResult result;
        await using (var audit = new AuditWriter(await AuditSinks.OpenJsonlAsync(auditPath, null, ct), redactor))
        {
            var runner = new AgentRunner(client, tools, dispatcher);
            result = await runner.RunToEndAsync(
                new AgentRunOptions { Model = "scenario/leaky", Instructions = $"Deploy with {_fileCanary}.", Redactor = redactor, Audit = audit },
                [MessageItem.User($"My password is {_fileCanary}; read the deploy config.")],
                cancellationToken: ct);
        }

        Assert.True(result.Status == AgentRunStatus.Completed, $"{result.Status}: {result.Reason}");
        Assert.Contains("[REDACTED", result.Output, StringComparison.Ordinal); // the model read the redacted output
        var seen = recorder.Requests.Select(r => ProtocolJson.Serialize(r.Request) + ProtocolJson.Serialize(r.Context.ToList())).ToArray();
        Assert.NotEmpty(seen);
        var auditText = await File.ReadAllTextAsync(auditPath, ct);
        Assert.Contains("tool_call", auditText, StringComparison.Ordinal);
        foreach (var (where, texts) in new[] { ("requests to the model", seen), ("logs", logs.ToArray()), ("spans", spans.ToArray()), ("audit", [auditText]), ("final output", [result.Output]) })
        {
            foreach (var text in texts)
            {
                Assert.False(text.Contains(_envCanary, StringComparison.Ordinal), $"the environment canary leaked into {where}: {text}");
                Assert.False(text.Contains(_fileCanary, StringComparison.Ordinal), $"the secrets-file canary leaked into {where}: {text}");
            }
        }
    }
}
