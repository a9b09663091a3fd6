namespace Tandem.Benchmarks.Agents;

/// <summary>The ideal wall time of a whole run and its rounds (see <see cref="CriticalPath"/>).</summary>
public sealed record CriticalPathEstimate(bool OverHttp, ToolScheduling Scheduling, IReadOnlyList<RoundEstimate> Rounds)
{
    /// <summary>The run ends when the last response completes.</summary>
    public double TotalMs => Rounds[^1].CompletedMs;
}
