namespace Tandem.Bench.Running;

/// <summary>Where a bench run is: for the live progress display.</summary>
/// <param name="Phase"><c>warm-up</c> or <c>measure</c>.</param>
/// <param name="Done">Runs finished in this phase.</param>
/// <param name="Total">Runs in this phase.</param>
/// <param name="Current">What runs now (client and scenario).</param>
/// <param name="LastWallMs">The wall time of the run that just finished, if any.</param>
public sealed record BenchProgress(string Phase, int Done, int Total, string Current, double? LastWallMs = null);
