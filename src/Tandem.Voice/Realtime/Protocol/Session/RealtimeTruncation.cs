using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>truncation</c>: <c>"auto"</c>, <c>"disabled"</c>, or a <c>retention_ratio</c> strategy.</summary>
[JsonConverter(typeof(StringOrObjectConverter<RealtimeTruncation, RealtimeTruncationStrategy>))]
public sealed record RealtimeTruncation : IStringOrObject<RealtimeTruncation, RealtimeTruncationStrategy>
{
    private RealtimeTruncation(string? mode, RealtimeTruncationStrategy? strategy)
    {
        Mode = mode;
        Strategy = strategy;
    }

    /// <summary><c>auto</c> or <c>disabled</c>, when truncation is a string.</summary>
    public string? Mode { get; }

    public RealtimeTruncationStrategy? Strategy { get; }

    public static RealtimeTruncation Auto => new("auto", null);

    public static RealtimeTruncation Disabled => new("disabled", null);

    string? IStringOrObject<RealtimeTruncation, RealtimeTruncationStrategy>.StringValue => Mode;

    RealtimeTruncationStrategy? IStringOrObject<RealtimeTruncation, RealtimeTruncationStrategy>.ObjectValue => Strategy;

    /// <summary>Keeps <paramref name="ratio"/> (0–1) of the conversation tokens when the context overflows.</summary>
    public static RealtimeTruncation RetentionRatio(double ratio, int? postInstructionsTokenLimit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratio, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1);
        return new(null, new RealtimeTruncationStrategy
        {
            Type = "retention_ratio",
            RetentionRatio = ratio,
            TokenLimits = postInstructionsTokenLimit is { } limit ? new RealtimeTokenLimits { PostInstructions = limit } : null,
        });
    }

    public static RealtimeTruncation FromStrategy(RealtimeTruncationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(null, strategy);
    }

    static RealtimeTruncation IStringOrObject<RealtimeTruncation, RealtimeTruncationStrategy>.FromString(string value) => new(value, null);

    static RealtimeTruncation IStringOrObject<RealtimeTruncation, RealtimeTruncationStrategy>.FromObject(RealtimeTruncationStrategy value) => new(null, value);
}
