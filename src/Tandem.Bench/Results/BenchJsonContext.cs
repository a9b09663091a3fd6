using System.Text.Json.Serialization;

namespace Tandem.Bench.Results;

/// <summary>The JSON of <c>bench-results.json</c> and <c>pricing.json</c>: snake_case, indented, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchResults))]
[JsonSerializable(typeof(PricingTable))]
[JsonSerializable(typeof(Capacity.CapacityResults))]
internal sealed partial class BenchJsonContext : JsonSerializerContext
{
}
