using System.Text;
using Microsoft.Extensions.Time.Testing;
using Tandem.Security.Audit;
using Tandem.Security.Secrets;

namespace Tandem.Security.Tests.Audit;

/// <summary>Writes a small, realistic audit log through the writer, and edits it the way an attacker would.</summary>
public static class AuditTestLog
{
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)));

    /// <summary><paramref name="records"/> records of mixed kinds, then (when <paramref name="seal"/>) a seal; returns the head.</summary>
    public static async Task<AuditHead> WriteAsync(IAuditSink sink, int records, bool seal, CancellationToken ct)
    {
        var clock = Clock();
        var writer = new AuditWriter(sink, new Redactor(new SecretStore()), new AuditWriterOptions { SealOnDispose = seal }, clock);
        await using (writer)
        {
            for (var i = 1; i <= records; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(250));
                switch (i % 4)
                {
                    case 0:
                        await writer.ModelRequestAsync("run_1", i, "gpt-5", $$"""{"input":"turn {{i}}"}""", ct);
                        break;
                    case 1:
                        await writer.ToolCallAsync("run_1", i, $"call_{i}", "read_file", $$"""{"path":"src/{{i}}.cs"}""", "ok", ct);
                        break;
                    case 2:
                        await writer.ApprovalAsync("run_1", i, $"call_{i}", "write_file", """{"path":"a"}""", "approved", "user:alice", ct);
                        break;
                    default:
                        await writer.PolicyDecisionAsync("run_1", i, null, null, "allow", "within budget", ct);
                        break;
                }
            }
        }

        // Read after disposing: the seal (if any) is the head.
        return sink.Head;
    }

    public static async Task<(string Path, AuditHead Head)> WriteJsonlAsync(TestDirectory directory, int records, bool seal, CancellationToken ct)
    {
        var path = directory.File("audit.jsonl");
        var sink = await AuditSinks.OpenJsonlAsync(path, new AuditSinkOptions { Flush = AuditFlushPolicy.OperatingSystem }, ct);
        var head = await WriteAsync(sink, records, seal, ct);
        return (path, head);
    }

    /// <summary>The file's lines without their newlines (a final unterminated line included).</summary>
    public static List<string> Lines(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    public static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
}
