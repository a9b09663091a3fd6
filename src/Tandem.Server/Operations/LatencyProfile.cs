using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Server.Operations;

/// <summary>
/// Server-side costs the local server simulates, in milliseconds. WebSocket mode's connection
/// cache skips <see cref="LoadStoredResponseMsPerItem"/> and the re-rendering of cached tokens,
/// which is exactly what the real service says it saves. Each number names its source in <see cref="Sources"/>.
/// </summary>
public sealed class LatencyProfile
{
    public string Name { get; set; } = "zero";

    public string? Description { get; set; }

    /// <summary>Fixed cost of every request (routing, auth, safety set-up), HTTP and WebSocket alike.</summary>
    public double RequestOverheadMs { get; set; }

    /// <summary>Extra fixed cost of an HTTP request over a WebSocket turn (connection and header handling).</summary>
    public double HttpRequestOverheadMs { get; set; }

    /// <summary>Loading a stored response to continue a chain, per item of the loaded history.</summary>
    public double LoadStoredResponseMsPerItem { get; set; }

    /// <summary>Re-rendering and tokenising history, per input token the connection cache did not hold.</summary>
    public double RenderMsPerUncachedInputToken { get; set; }

    /// <summary>Time to first token once the prompt is ready.</summary>
    public double TimeToFirstTokenMs { get; set; }

    /// <summary>Output tokens per second; 0 means instantaneous.</summary>
    public double DecodeTokensPerSecond { get; set; }

    /// <summary>Where each number comes from, by field name.</summary>
    public Dictionary<string, string> Sources { get; set; } = [];

    [JsonIgnore]
    public bool IsZero =>
        RequestOverheadMs == 0 && HttpRequestOverheadMs == 0 && LoadStoredResponseMsPerItem == 0
        && RenderMsPerUncachedInputToken == 0 && TimeToFirstTokenMs == 0 && DecodeTokensPerSecond == 0;

    /// <summary>Milliseconds to decode <paramref name="tokens"/> output tokens.</summary>
    public double DecodeMs(int tokens) => DecodeTokensPerSecond <= 0 ? 0 : tokens * 1000.0 / DecodeTokensPerSecond;

    /// <summary>
    /// This profile with every time multiplied by <paramref name="factor"/> (the decode rate divided by
    /// it): the same shape of costs on a shorter clock, for quick runs.
    /// </summary>
    public LatencyProfile Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return new LatencyProfile
        {
            Name = factor == 1 ? Name : $"{Name} x{factor.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}",
            Description = Description,
            RequestOverheadMs = RequestOverheadMs * factor,
            HttpRequestOverheadMs = HttpRequestOverheadMs * factor,
            LoadStoredResponseMsPerItem = LoadStoredResponseMsPerItem * factor,
            RenderMsPerUncachedInputToken = RenderMsPerUncachedInputToken * factor,
            TimeToFirstTokenMs = TimeToFirstTokenMs * factor,
            DecodeTokensPerSecond = DecodeTokensPerSecond / factor,
            Sources = Sources,
        };
    }

    public static LatencyProfile Zero { get; } = new() { Name = "zero", Description = "All costs 0: measures pure client and protocol overhead." };

    /// <summary>Loads <c>zero</c>, <c>openai-like</c> (shipped with the server) or a JSON file.</summary>
    public static LatencyProfile Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        string json;
        var resource = typeof(LatencyProfile).Assembly.GetManifestResourceStream($"Tandem.Server.Profiles.{nameOrPath}.json");
        if (resource is not null)
        {
            using var reader = new StreamReader(resource);
            json = reader.ReadToEnd();
        }
        else if (File.Exists(nameOrPath))
        {
            json = File.ReadAllText(nameOrPath);
        }
        else
        {
            throw new ArgumentException($"Unknown latency profile '{nameOrPath}': not 'zero', not 'openai-like', and no such file.", nameof(nameOrPath));
        }

        LatencyProfile profile;
        try
        {
            profile = JsonSerializer.Deserialize(json, ServerJsonContext.Default.LatencyProfile)
                ?? throw new ArgumentException($"Latency profile '{nameOrPath}' is empty.", nameof(nameOrPath));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Latency profile '{nameOrPath}' is not valid JSON: {ex.Message}", nameof(nameOrPath), ex);
        }

        profile.Validate(nameOrPath);
        return profile;
    }

    private void Validate(string origin)
    {
        foreach (var (field, value) in new[]
        {
            (nameof(RequestOverheadMs), RequestOverheadMs), (nameof(HttpRequestOverheadMs), HttpRequestOverheadMs),
            (nameof(LoadStoredResponseMsPerItem), LoadStoredResponseMsPerItem), (nameof(RenderMsPerUncachedInputToken), RenderMsPerUncachedInputToken),
            (nameof(TimeToFirstTokenMs), TimeToFirstTokenMs), (nameof(DecodeTokensPerSecond), DecodeTokensPerSecond),
        })
        {
            if (value < 0 || double.IsNaN(value) || double.IsInfinity(value))
            {
                // Name the field as the profile file spells it (snake_case), so the user finds it.
                throw new ArgumentException($"Latency profile '{origin}': {JsonNamingPolicy.SnakeCaseLower.ConvertName(field)} must be a finite number ≥ 0, not {value}.");
            }
        }
    }
}
