using System.Text.Json;

namespace Tandem.Bench.Results;

/// <summary>Reads and writes <c>bench-results.json</c>.</summary>
public static class BenchResultsJson
{
    public static string Serialize(BenchResults results) => JsonSerializer.Serialize(results, BenchJsonContext.Default.BenchResults);

    /// <summary>The JSON of a <c>tandem bench server</c> run (<c>capacity-results.json</c>).</summary>
    public static string Serialize(Capacity.CapacityResults results) => JsonSerializer.Serialize(results, BenchJsonContext.Default.CapacityResults);

    public static BenchResults Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, BenchJsonContext.Default.BenchResults)
                ?? throw new InvalidDataException("bench-results.json is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"bench-results.json is not valid: {ex.Message}", ex);
        }
    }
}
