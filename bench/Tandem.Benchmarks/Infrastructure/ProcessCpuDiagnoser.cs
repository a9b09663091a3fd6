using System.Collections.Concurrent;
using System.Diagnostics;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// Client CPU per operation. It runs in the BenchmarkDotNet host and reads the benchmark
/// process's CPU time (user+system, every thread: continuations, socket completions, GC) at the
/// signals that bracket the actual workload iterations, so pilot, warm-up and setup are excluded;
/// the total is divided by the operations of those iterations. Wall time alone would hide work done
/// on other threads, and a thread's own CPU cannot follow an async turn across threads.
/// The host's own CPU over the same window is reported as the server's when the server runs there.
/// </summary>
public sealed class ProcessCpuDiagnoser : IDiagnoser
{
    private readonly ConcurrentDictionary<BenchmarkCase, (TimeSpan Client, TimeSpan Server)> _started = new();
    private readonly ConcurrentDictionary<BenchmarkCase, (TimeSpan Client, TimeSpan Server)> _totals = new();
    private readonly ConcurrentDictionary<BenchmarkCase, long> _operations = new();

    public IEnumerable<string> Ids => ["ProcessCpu"];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        switch (signal)
        {
            case HostSignal.BeforeActualRun:
                _started[parameters.BenchmarkCase] = (ClientCpu(parameters.Process), ServerCpu());
                break;
            case HostSignal.AfterActualRun when _started.TryRemove(parameters.BenchmarkCase, out var start):
                var client = ClientCpu(parameters.Process) - start.Client;
                var server = ServerCpu() - start.Server;
                _totals.AddOrUpdate(parameters.BenchmarkCase, (client, server), (_, t) => (t.Client + client, t.Server + server));
                break;
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        // Called once per launch: the figures accumulate over launches.
        var operations = results.Measurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Sum(m => m.Operations);
        var total = _operations.AddOrUpdate(results.BenchmarkCase, operations, (_, o) => o + operations);
        if (total == 0 || !_totals.TryGetValue(results.BenchmarkCase, out var cpu))
        {
            yield break;
        }

        yield return new Metric(CpuMetric.Client, cpu.Client.TotalNanoseconds / total);
        if (LocalServer.HostedInThisProcess)
        {
            yield return new Metric(CpuMetric.Server, cpu.Server.TotalNanoseconds / total);
        }
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    private static TimeSpan ClientCpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static TimeSpan ServerCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
