using Tandem.Cli.Tests.Support;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;

namespace Tandem.Cli.Tests.Commands;

/// <summary><c>tandem audit verify</c> (checklist S11) on a real log written by the audit writer.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tandem-audit-");

    public void Dispose() => _dir.Delete(recursive: true);

    private async Task<string> WriteLogAsync(int records)
    {
        var path = Path.Combine(_dir.FullName, "audit.jsonl");
        var writer = new AuditWriter(await AuditSinks.OpenJsonlAsync(path, null, TestContext.Current.CancellationToken), Redactor.ShapesOnly);
        await using (writer)
        {
            for (var i = 1; i <= records; i++)
            {
                await writer.ToolCallAsync("run_1", i, $"call_{i}", "read_file", $$"""{"path":"f{{i}}.txt"}""", "ok", TestContext.Current.CancellationToken);
            }
        }

        return path;
    }

    [Fact]
    public async Task Verify_IntactLog_ExitsZero()
    {
        var path = await WriteLogAsync(5);

        var (exit, stdout, _) = await TandemProcess.RunAsync("audit", "verify", path);

        Assert.Equal(0, exit);
        Assert.StartsWith("OK", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TwoRecordsSwapped_ExitsOneNamingTheFirstBadRecord()
    {
        var path = await WriteLogAsync(5);
        var lines = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).ToList();
        (lines[2], lines[3]) = (lines[3], lines[2]); // records 3 and 4
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n", TestContext.Current.CancellationToken);

        var (exit, stdout, _) = await TandemProcess.RunAsync("audit", "verify", path);

        Assert.Equal(1, exit);
        Assert.Contains("record 3", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingFileOrBadHead_ExitsTwoNamingTheProblem()
    {
        var (exit, _, stderr) = await TandemProcess.RunAsync("audit", "verify", Path.Combine(_dir.FullName, "nope.jsonl"));
        Assert.Equal(2, exit);
        Assert.Contains("nope.jsonl", stderr, StringComparison.Ordinal);

        var path = await WriteLogAsync(1);
        (exit, _, stderr) = await TandemProcess.RunAsync("audit", "verify", path, "--expect-head", "banana");
        Assert.Equal(2, exit);
        Assert.Contains("--expect-head must be SEQ:SHA256", stderr, StringComparison.Ordinal);
    }
}
