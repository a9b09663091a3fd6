namespace Tandem.Bench.Results;

public sealed class RunResult
{
    public required double WallMs { get; set; }

    /// <summary>The profile's unavoidable cost along the critical path for this run's tokens (local server only).</summary>
    public double? IdealMs { get; set; }

    public required string Output { get; set; }

    public string? Error { get; set; }

    public long ExtraConnections { get; set; }

    public int Replays { get; set; }

    public int Retries { get; set; }

    public List<Measurement.TurnMeasurement> Turns { get; set; } = [];
}
