using Tandem.Agents.Durability;
using Tandem.Agents.Tests.Support;

namespace Tandem.Agents.Tests.Durability;

/// <summary>
/// The claim is atomic across processes, not only across connections of one process: SQLite's locks
/// between processes are POSIX file locks, a path the in-process tests never take.
/// </summary>
public sealed class SqliteCrossProcessTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task TryClaimAsync_FourProcessesRacingOnTwentyKeys_ClaimEachKeyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        const int keys = 20;
        var gate = Path.Combine(Path.GetDirectoryName(_database.Path)!, "..", "go");
        var workers = Enumerable.Range(0, 4)
            .Select(i => ClaimWorkerProcess.Start(_database.Spec, gate, keys, $"worker-{i}"))
            .ToList();
        try
        {
            // Everyone is up (the slow part) before anyone claims, so the claims really overlap.
            foreach (var worker in workers)
            {
                Assert.Equal("ready", await worker.StandardOutput.ReadLineAsync(ct));
            }

            await File.WriteAllTextAsync(gate, "", ct);
            var outputs = new List<(string Name, string Output)>();
            for (var i = 0; i < workers.Count; i++)
            {
                var output = await workers[i].StandardOutput.ReadToEndAsync(ct);
                var errors = await workers[i].StandardError.ReadToEndAsync(ct);
                await workers[i].WaitForExitAsync(ct);
                Assert.True(workers[i].ExitCode == 0, $"worker-{i} exited {workers[i].ExitCode}: {errors}");
                outputs.Add(($"worker-{i}", output));
            }

            var claims = outputs
                .SelectMany(o => o.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => (o.Name, Line: line.Split(' '))))
                .Where(c => c.Line[1] == "1")
                .ToList();
            Assert.Equal(keys, claims.Count);
            var store = DurabilityStores.CreateIdempotencyStore(_database.Spec);
            for (var k = 0; k < keys; k++)
            {
                var winner = Assert.Single(claims, c => c.Line[0] == $"key-{k}");
                Assert.Equal(winner.Name, (await store.GetAsync($"key-{k}", ct))?.ArgumentsHash);
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill();
                }

                worker.Dispose();
            }
        }
    }

    public void Dispose() => _database.Dispose();
}
