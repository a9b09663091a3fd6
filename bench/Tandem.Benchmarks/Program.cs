using BenchmarkDotNet.Running;
using Tandem.Benchmarks.Infrastructure;

namespace Tandem.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Plain loops for whole-process tools (bench/count-instructions.sh), outside BenchmarkDotNet.
        switch (args.FirstOrDefault())
        {
            case "serve":
                return await Turns.TurnLoop.ServeAsync(args[1..]).ConfigureAwait(false);
            case "turns":
                return await Turns.TurnLoop.RunAsync(args[1..]).ConfigureAwait(false);
            case "pair":
                return await Turns.TurnPairLoop.RunAsync(args[1..]).ConfigureAwait(false);
        }

        // The server runs here, in the BenchmarkDotNet host, and not in the benchmark processes
        // (which inherit the variable): their CPU and allocation figures are then the client's alone.
        Tandem.Server.TandemServerHost? server = null;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LocalServer.BaseUrlVariable)))
        {
            server = await LocalServer.StartAsync().ConfigureAwait(false);
            Environment.SetEnvironmentVariable(LocalServer.BaseUrlVariable, server.BaseAddress.ToString());
            Console.WriteLine($"// Tandem local server (profile zero) on {server.BaseAddress}, hosted by the BenchmarkDotNet host process {Environment.ProcessId}");
        }

        try
        {
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
