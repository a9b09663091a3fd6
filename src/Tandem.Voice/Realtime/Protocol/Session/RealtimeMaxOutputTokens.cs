using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>max_output_tokens</c>: an integer, or the string <c>"inf"</c> (no limit beyond the model's).</summary>
[JsonConverter(typeof(RealtimeMaxOutputTokensConverter))]
public readonly record struct RealtimeMaxOutputTokens
{
    /// <summary>The wire spelling of "no limit".</summary>
    public const string InfiniteValue = "inf";

    public RealtimeMaxOutputTokens(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    /// <summary>The limit, or null for <c>"inf"</c>.</summary>
    public int? Limit { get; }

    public bool IsInfinite => Limit is null;

    /// <summary><c>"inf"</c>.</summary>
    public static RealtimeMaxOutputTokens Infinite => default;

    public static implicit operator RealtimeMaxOutputTokens(int limit) => new(limit);

    public override string ToString() => Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? InfiniteValue;
}
