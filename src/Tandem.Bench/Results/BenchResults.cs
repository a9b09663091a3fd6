namespace Tandem.Bench.Results;

/// <summary>The whole output of one <c>tandem bench</c> run; written as <c>bench-results.json</c> (schema in docs/bench.md).</summary>
public sealed class BenchResults
{
    public const string CurrentSchema = "tandem-bench/1";

    public string Schema { get; set; } = CurrentSchema;

    public required DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>The exact command line, so a reader can run it again.</summary>
    public required string Command { get; set; }

    public required MachineInfo Machine { get; set; }

    public required TargetInfo Target { get; set; }

    public required BenchSettings Settings { get; set; }

    public List<ClientInfo> Clients { get; set; } = [];

    public List<ScenarioResult> Scenarios { get; set; } = [];
}
