using System.Text.Json;

namespace Tandem.Bench.Results;

/// <summary><c>bench/pricing.json</c>: prices per million tokens by model, with the date they were read and their source.</summary>
public sealed class PricingTable
{
    public required string Date { get; set; }

    public required string Source { get; set; }

    public Dictionary<string, ModelPrice> Models { get; set; } = new(StringComparer.Ordinal);

    public static PricingTable Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), BenchJsonContext.Default.PricingTable)
                ?? throw new InvalidDataException($"Pricing file '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Pricing file '{path}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>The price of <paramref name="model"/>; the error names the models the table knows.</summary>
    public ModelPrice For(string model) =>
        Models.TryGetValue(model, out var price) ? price
        : throw new ArgumentException($"The pricing table has no model '{model}'; it knows: {string.Join(", ", Models.Keys.Order(StringComparer.Ordinal))}.", nameof(model));
}
