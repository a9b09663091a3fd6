using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// <c>tool_choice</c>: a mode (<c>"auto"</c>, <c>"none"</c>, <c>"required"</c>) or a forced tool
/// (<c>{"type":"function","name":…}</c>, <c>{"type":"mcp","server_label":…,"name":…}</c>).
/// </summary>
[JsonConverter(typeof(StringOrObjectConverter<RealtimeToolChoice, RealtimeToolChoiceTarget>))]
public sealed record RealtimeToolChoice : IStringOrObject<RealtimeToolChoice, RealtimeToolChoiceTarget>
{
    private RealtimeToolChoice(string? mode, RealtimeToolChoiceTarget? target)
    {
        Mode = mode;
        Target = target;
    }

    /// <summary>The mode, when the choice is a string.</summary>
    public string? Mode { get; }

    /// <summary>The forced tool, when the choice is an object.</summary>
    public RealtimeToolChoiceTarget? Target { get; }

    public static RealtimeToolChoice Auto => new("auto", null);

    public static RealtimeToolChoice None => new("none", null);

    public static RealtimeToolChoice Required => new("required", null);

    string? IStringOrObject<RealtimeToolChoice, RealtimeToolChoiceTarget>.StringValue => Mode;

    RealtimeToolChoiceTarget? IStringOrObject<RealtimeToolChoice, RealtimeToolChoiceTarget>.ObjectValue => Target;

    /// <summary>A mode by its wire name.</summary>
    public static RealtimeToolChoice FromMode(string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        return new(mode, null);
    }

    /// <summary>Forces the function <paramref name="name"/>.</summary>
    public static RealtimeToolChoice Function(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(null, new RealtimeToolChoiceTarget { Type = "function", Name = name });
    }

    /// <summary>Forces a tool of the MCP server <paramref name="serverLabel"/> (any of its tools when <paramref name="name"/> is null).</summary>
    public static RealtimeToolChoice Mcp(string serverLabel, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverLabel);
        return new(null, new RealtimeToolChoiceTarget { Type = "mcp", ServerLabel = serverLabel, Name = name });
    }

    public static RealtimeToolChoice FromTarget(RealtimeToolChoiceTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(null, target);
    }

    static RealtimeToolChoice IStringOrObject<RealtimeToolChoice, RealtimeToolChoiceTarget>.FromString(string value) => new(value, null);

    static RealtimeToolChoice IStringOrObject<RealtimeToolChoice, RealtimeToolChoiceTarget>.FromObject(RealtimeToolChoiceTarget value) => new(null, value);
}
