namespace Tandem.Benchmarks.Agents;

/// <summary>
/// One model turn of the ideal timeline, in ms from the start of the run: its request arrives at
/// <see cref="StartMs"/>, the response completes at <see cref="CompletedMs"/>, its last tool
/// finishes at <see cref="ToolsDoneMs"/> (<see langword="null"/> without calls), and the next
/// request leaves at <see cref="NextStartMs"/> (the later of the two).
/// </summary>
public sealed record RoundEstimate(int Turn, int Calls, double StartMs, double CompletedMs, double? ToolsDoneMs)
{
    public double NextStartMs => Math.Max(CompletedMs, ToolsDoneMs ?? CompletedMs);

    /// <summary>Time the model takes, request to <c>response.completed</c>.</summary>
    public double ModelMs => CompletedMs - StartMs;

    /// <summary>Time between <c>response.completed</c> and the next request: tools the stream did not hide.</summary>
    public double ToolTailMs => NextStartMs - CompletedMs;
}
