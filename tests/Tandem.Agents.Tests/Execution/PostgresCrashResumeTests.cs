using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Execution;

/// <summary>The crash-resume runs with the journal and the idempotency store in PostgreSQL (skipped, with the reason, where none can be started).</summary>
public sealed class PostgresCrashResumeTests(PostgresFixture postgres) : IAsyncDisposable
{
    private readonly PostgresTestSchema _schema = new(postgres);

    [Theory]
    [MemberData(nameof(CrashResumeTests.CrashPoints), MemberType = typeof(CrashResumeTests))]
    public async Task ResumeAsync_AfterSigkillWithPostgres_FinishesLikeAnUninterruptedRunWithOneSideEffect(string crashAt)
    {
        var spec = await _schema.GetSpecAsync();
        var dir = Directory.CreateTempSubdirectory("tandem-crash-pg-");
        try
        {
            await CrashResumeTests.CrashThenResumeAsync(spec, dir.FullName, crashAt);
        }
        finally
        {
            await _schema.CloseConnectionsAsync();
            dir.Delete(recursive: true);
        }
    }

    public ValueTask DisposeAsync() => _schema.DisposeAsync();
}
