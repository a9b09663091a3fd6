using System.Globalization;
using System.Text;

namespace Tandem.Bench.Capacity;

/// <summary>The capacity results as plain text (console) or Markdown (the report).</summary>
public static class CapacityReport
{
    public static string ToText(CapacityResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        void Line(string line) => text.AppendLine(line);

        Line($"Server capacity ({results.Mode}{(results.Mode != results.RequestedMode ? $", asked for {results.RequestedMode}" : string.Empty)}; profile {results.Profile})");
        Line($"  server: {results.Server}");
        Line(F($"  machine: {results.ProcessorCount} processors, {results.Os}, {results.Runtime}; load average at start {results.LoadAverageAtStart?.ToString("0.00", CultureInfo.InvariantCulture) ?? "?"} (shared machine: other work may run)"));
        if (results.Idle is { } idle)
        {
            Line(F($"  idle connections: {idle.Opened:N0} of {idle.Requested:N0} open{(idle.LimitedTo is { } limit ? $" (open-files limit allowed {limit:N0})" : string.Empty)} ({idle.Failed:N0} failed) in {idle.OpenSeconds:0.0} s ({idle.OpensPerSecond:N0}/s); server saw {idle.ServerConnectionsSeen?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"}{Target(results.MeetsConnectionTarget, $"≥ {CapacityResults.ConnectionTarget:N0}")}"));
            Line($"    server before: {Memory(idle.ServerBefore)}");
            Line($"    server idle:   {Memory(idle.ServerIdle)}");
            Line($"    server after close: {Memory(idle.ServerAfterClose)}");
            Line($"    per idle connection: resident {Bytes(idle.WorkingSetBytesPerConnection)}, anonymous {Bytes(idle.AnonymousBytesPerConnection)}, GC heap {Bytes(idle.GcHeapBytesPerConnection)}; client GC heap {Bytes(idle.ClientGcHeapBytesPerConnection)}");
            Line(F($"    closed {idle.Closed:N0} cleanly, {idle.CloseFailed:N0} aborted, in {idle.CloseSeconds:0.0} s; open-files limit client {idle.ClientFileLimit ?? "?"}, server {idle.ServerFileLimit ?? "(same process)"}"));
            foreach (var failure in idle.FailureMessages)
            {
                Line($"    failure: {failure}");
            }
        }

        if (results.Turns is { } turns)
        {
            Line(F($"  turns: {turns.TurnsPerSecond:N0} turns/s over {turns.WindowSeconds:0.0} s on {turns.Connections} connections ({turns.Turns:N0} turns, {turns.Errors:N0} errors){Target(results.MeetsTurnTarget, $"≥ {CapacityResults.TurnRateTarget:N0}/s")}"));
            Line(F($"    latency p50 {turns.P50Ms:0.00} ms, p95 {turns.P95Ms:0.00} ms, p99 {turns.P99Ms:0.00} ms, max {turns.MaxMs:0.0} ms; {turns.EventsPerTurn:0.0} events, {turns.BytesReceivedPerTurn:N0} bytes per turn"));
            Line(F($"    CPU in the window: server {Seconds(turns.ServerCpuSeconds)} ({Ms(turns.ServerCpuMsPerTurn)}/turn), client {turns.ClientCpuSeconds:0.00} s ({turns.ClientCpuMsPerTurn:0.000} ms/turn); server-bound {turns.ServerBoundTurnsPerSecond?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} turns/s on {turns.Processors} processors"));
            Line($"    client GCs (gen0/1/2) {turns.ClientCollections}, client allocated {Bytes(turns.ClientAllocatedBytesPerTurn)}/turn, client thread-pool threads {turns.ClientThreadPoolThreads}; server after: {Memory(turns.ServerAfter)}");
            foreach (var error in turns.ErrorMessages)
            {
                Line($"    error: {error}");
            }
        }

        foreach (var note in results.Notes)
        {
            Line($"  note: {note}");
        }

        return text.ToString();
    }

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Target(bool? met, string target) => met switch
    {
        true => $" — target {target} met",
        false => $" — target {target} MISSED",
        null => string.Empty,
    };

    private static string Memory(ServerMemorySample? sample) => sample is null
        ? "not measured"
        : F($"RSS {Mb(sample.WorkingSetBytes)}, anon {Mb(sample.AnonymousBytes)}, GC heap {Mb(sample.GcHeapBytes)}, GC committed {Mb(sample.GcCommittedBytes)}, threads {sample.Threads?.ToString(CultureInfo.InvariantCulture) ?? "?"}, fds {sample.FileDescriptors?.ToString(CultureInfo.InvariantCulture) ?? "?"}");

    private static string Mb(long? bytes) => bytes is { } b ? F($"{b / 1048576.0:0.0} MB") : "?";

    private static string Bytes(double? bytes) => bytes is { } b ? F($"{b / 1024:0.0} KB") : "?";

    private static string Seconds(double? seconds) => seconds is { } s ? F($"{s:0.00} s") : "?";

    private static string Ms(double? ms) => ms is { } m ? F($"{m:0.000} ms") : "?";
}
