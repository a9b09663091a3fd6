using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;
using Tandem.Security.Tests.Audit;

namespace Tandem.Security.Tests.Secrets;

/// <summary>
/// S9: a canary secret in the environment and another in a secrets file never reach logger output
/// (message, structured values, scopes, exception text), span tags or events, or audit records
/// written through the writer. The canaries have no credential shape: only the store catches them.
/// </summary>
public sealed class SecretCanaryTests : IDisposable
{
    private static readonly Action<ILogger, string, string, Exception?> LogKeys =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(1, "Keys"), "Calling upstream with {EnvKey} and {FileKey} failed");

    private readonly TestDirectory _directory = new();
    private readonly string _envName = "TANDEM_CANARY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _envCanary = SecretFiles.Canary("env");
    private readonly string _fileCanary = SecretFiles.Canary("file");
    private readonly Redactor _redactor;

    public SecretCanaryTests()
    {
        Environment.SetEnvironmentVariable(_envName, _envCanary);
        var file = SecretFiles.Write(_directory.File("secrets"), "UPSTREAM_TOKEN=" + _fileCanary + "\n");
        _redactor = new Redactor(new SecretStore(new EnvironmentSecretProvider(_envName), new FileSecretProvider(file)));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_envName, null);
        _directory.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Logger_CanariesInMessageStateScopesAndException_NeverWritten(bool innerTakesExternalScopes)
    {
        ILoggerProvider inner = innerTakesExternalScopes ? new CapturingScopedLoggerProvider() : new CapturingLoggerProvider();
        var capture = inner is CapturingScopedLoggerProvider scoped ? scoped.Capture : ((CapturingLoggerProvider)inner).Capture;
        using var provider = new RedactingLoggerProvider(inner, _redactor);

        // What LoggerFactory does with a provider that takes external scopes (the wrapper always does).
        var scopes = new LoggerExternalScopeProvider();
        provider.SetScopeProvider(scopes);
        var logger = provider.CreateLogger("Tandem.Test");

        using (scopes.Push(new Dictionary<string, object?> { ["token"] = _fileCanary, ["attempt"] = 2 }.ToList()))
        using (scopes.Push("request with " + _envCanary))
        {
            LogKeys(logger, _envCanary, _fileCanary, Thrown());
            logger.Log(LogLevel.Warning, new EventId(2), new Uri("https://example.com/?q=" + _envCanary), null, (state, _) => state.ToString());
        }

        var written = capture.All();
        Assert.DoesNotContain(_envCanary, written, StringComparison.Ordinal);
        Assert.DoesNotContain(_fileCanary, written, StringComparison.Ordinal);
        Assert.Contains($"Calling upstream with [REDACTED:{_envName}] and [REDACTED:UPSTREAM_TOKEN] failed", written, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: upstream rejected [REDACTED:" + _envName + "]", written, StringComparison.Ordinal);
        Assert.Contains("at Tandem.Security.Tests.Secrets.SecretCanaryTests.Thrown", written, StringComparison.Ordinal);
        Assert.Contains("token=[REDACTED:UPSTREAM_TOKEN]", written, StringComparison.Ordinal);
        Assert.Contains("attempt=2", written, StringComparison.Ordinal);
        Assert.Equal(2, capture.LastScopeCount);
    }

    [Fact]
    public void Logger_ScopesBegunOnTheLoggerItself_AreRedacted()
    {
        // Without a factory nobody calls SetScopeProvider: BeginScope goes straight to the inner logger.
        var inner = new CapturingLoggerProvider();
        using var provider = new RedactingLoggerProvider(inner, _redactor);
        var logger = provider.CreateLogger("Tandem.Test");

        using (logger.BeginScope("scope {Token}", _fileCanary))
        {
            logger.Log(LogLevel.Information, default, _envCanary, null, static (s, _) => "value " + s);
        }

        var written = inner.Capture.All();
        Assert.DoesNotContain(_envCanary, written, StringComparison.Ordinal);
        Assert.DoesNotContain(_fileCanary, written, StringComparison.Ordinal);
        Assert.Contains("scope [REDACTED:UPSTREAM_TOKEN]", written, StringComparison.Ordinal);
        Assert.Equal(1, inner.Capture.LastScopeCount);
    }

    [Fact]
    public void Activity_CanariesInTagsStatusBaggageAndEvents_AreRedacted()
    {
        using var source = new ActivitySource("Tandem.Test.Canary." + Guid.NewGuid().ToString("N"));
        using var sampler = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(sampler);
        using var redacting = ActivityRedaction.CreateListener(_redactor, s => s == source);
        ActivitySource.AddActivityListener(redacting);

        var activity = source.StartActivity("call " + _envCanary)!;
        activity.SetTag("http.request.header.authorization", "Bearer " + _fileCanary);
        activity.SetTag("gen_ai.prompt", "use key " + _envCanary);
        activity.SetTag("tandem.args", new[] { "--token", _fileCanary });
        activity.SetTag("tandem.uri", new Uri("https://example.com/?k=" + _envCanary));
        activity.SetTag("gen_ai.usage.input_tokens", 42);
        activity.SetBaggage("tenant.token", _fileCanary);
        activity.SetStatus(ActivityStatusCode.Error, "401 for " + _envCanary);
        activity.AddException(Thrown());
        activity.Stop();

        var visible = string.Join("\n",
            activity.DisplayName,
            activity.StatusDescription,
            string.Join("\n", activity.TagObjects.Select(t => t.Key + "=" + (t.Value is string[] a ? string.Join(",", a) : t.Value))),
            string.Join("\n", activity.Baggage.Select(b => b.Key + "=" + b.Value)),
            string.Join("\n", ActivityRedaction.RedactedEvents(activity, _redactor).SelectMany(e => e.Tags.Select(t => e.Name + ":" + t.Key + "=" + t.Value))));
        Assert.DoesNotContain(_envCanary, visible, StringComparison.Ordinal);
        Assert.DoesNotContain(_fileCanary, visible, StringComparison.Ordinal);
        Assert.Contains("gen_ai.prompt=use key [REDACTED:" + _envName + "]", visible, StringComparison.Ordinal);
        Assert.Contains("tandem.args=--token,[REDACTED:UPSTREAM_TOKEN]", visible, StringComparison.Ordinal);
        Assert.Contains("exception:exception.message=upstream rejected [REDACTED:", visible, StringComparison.Ordinal);
        Assert.Equal(42, activity.GetTagItem("gen_ai.usage.input_tokens"));
    }

    [Fact]
    public async Task AuditWriter_CanariesInEveryField_NeverWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _directory.File("audit.jsonl");
        var sink = await AuditSinks.OpenJsonlAsync(path, null, ct);
        await using (var writer = new AuditWriter(sink, _redactor, new AuditWriterOptions { RecordModelContent = true }))
        {
            var both = _envCanary + " " + _fileCanary;
            await writer.ModelRequestAsync("run_" + _envCanary, 1, "gpt-5", $$"""{"input":"my key is {{_fileCanary}}"}""", ct);
            await writer.ToolCallAsync("run_1", 1, "call_" + _fileCanary, "tool " + both, $$"""{"token":"{{_envCanary}}"}""", "error: " + both, ct);
            await writer.ApprovalAsync("run_1", 1, "call_1", "deploy", "{}", "approved " + both, "user:" + _envCanary, ct);
            await writer.PolicyDecisionAsync("run_1", 1, null, null, "deny", "saw " + both, ct);
            await writer.KeyFailoverAsync(_envCanary, _fileCanary, "401", ct);
            await writer.WriteAsync(new AuditRecord
            {
                Event = "custom.event",
                Actor = "agent",
                Details = new Dictionary<string, string> { [_fileCanary] = _envCanary, ["json"] = $$"""{"k":"{{_envCanary}}"}""" },
            }, ct);
        }

        var text = await File.ReadAllTextAsync(path, ct);
        Assert.DoesNotContain(_envCanary, text, StringComparison.Ordinal);
        Assert.DoesNotContain(_fileCanary, text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:UPSTREAM_TOKEN]", text, StringComparison.Ordinal);
        Assert.Contains($"[REDACTED:{_envName}]", text, StringComparison.Ordinal);
        Assert.True(AuditVerifier.Verify(path, cancellationToken: ct).IsValid);
    }

    private InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("upstream rejected " + _envCanary, new HttpRequestException("401 with token " + _fileCanary));
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
