using System.Diagnostics;
using Tandem.Agents.Durability;

namespace Tandem.Agents.Tests.Support;

/// <summary>
/// A second (third, ...) process for the cross-process claim race: the test executable itself, started
/// with <see cref="Variable"/> set, becomes a worker that claims keys and exits before the test runner
/// starts. No separate helper project to build, and the worker runs exactly the code under test.
/// </summary>
internal static class ClaimWorkerProcess
{
    /// <summary>"sqlite-spec|gate-file|key-count|worker-name".</summary>
    public const string Variable = "TANDEM_TEST_CLAIM_WORKER";

    /// <summary>Starts a worker; it prints "ready", waits for <paramref name="gateFile"/>, then prints "KEY 1|0" per claim.</summary>
    public static Process Start(string spec, string gateFile, int keys, string name)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to start a worker from.");
        var start = new ProcessStartInfo
        {
            FileName = self,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Under "dotnet exec" the process is the host: the worker needs the test assembly named.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(ClaimWorkerProcess).Assembly.Location);
        }

        start.Environment[Variable] = string.Join('|', spec, gateFile, keys, name);
        return Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
    }

    /// <summary>Called first by Program.Main: when the variable is set, this process is a worker and exits here.</summary>
    internal static void RunIfWorker()
    {
        var variable = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(variable))
        {
            return;
        }

        var parts = variable.Split('|');
        try
        {
            // No synchronisation context here, so blocking on the async work cannot deadlock.
            Work(parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[3]).GetAwaiter().GetResult();
            Console.Out.Flush();
            Environment.Exit(0);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            Environment.Exit(3);
        }
    }

    private static async Task Work(string spec, string gateFile, int keys, string name)
    {
        var store = DurabilityStores.CreateIdempotencyStore(spec);
        Console.WriteLine("ready");
        Console.Out.Flush();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(gateFile))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The gate file never appeared.");
            }

            Thread.Sleep(1);
        }

        for (var i = 0; i < keys; i++)
        {
            var (claimed, _) = await store.TryClaimAsync($"key-{i}", name, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"key-{i} {(claimed ? 1 : 0)}");
        }
    }
}
