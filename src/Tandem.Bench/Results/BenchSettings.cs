namespace Tandem.Bench.Results;

public sealed class BenchSettings
{
    public required int Runs { get; set; }

    public required int WarmupTurns { get; set; }

    public required bool Quick { get; set; }

    /// <summary>Profile times and tool latencies are multiplied by this (1 = as in the files).</summary>
    public required double TimeScale { get; set; }

    public List<string> Clients { get; set; } = [];

    public List<string> Scenarios { get; set; } = [];
}
