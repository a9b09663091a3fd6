using System.Text.Json.Serialization;
using Tandem.Voice.Realtime.Protocol.Json;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// <c>tracing</c>: <c>"auto"</c> or a configuration (workflow name, group id, metadata). Tracing is
/// turned off with <c>null</c> (<see cref="RealtimeSessionConfig.DisableTracing"/>).
/// </summary>
[JsonConverter(typeof(StringOrObjectConverter<RealtimeTracing, RealtimeTracingConfiguration>))]
public sealed record RealtimeTracing : IStringOrObject<RealtimeTracing, RealtimeTracingConfiguration>
{
    private RealtimeTracing(string? mode, RealtimeTracingConfiguration? configuration)
    {
        Mode = mode;
        Configuration = configuration;
    }

    /// <summary><c>auto</c>, when tracing is a string.</summary>
    public string? Mode { get; }

    public RealtimeTracingConfiguration? Configuration { get; }

    public static RealtimeTracing Auto => new("auto", null);

    string? IStringOrObject<RealtimeTracing, RealtimeTracingConfiguration>.StringValue => Mode;

    RealtimeTracingConfiguration? IStringOrObject<RealtimeTracing, RealtimeTracingConfiguration>.ObjectValue => Configuration;

    public static RealtimeTracing FromConfiguration(RealtimeTracingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(null, configuration);
    }

    static RealtimeTracing IStringOrObject<RealtimeTracing, RealtimeTracingConfiguration>.FromString(string value) => new(value, null);

    static RealtimeTracing IStringOrObject<RealtimeTracing, RealtimeTracingConfiguration>.FromObject(RealtimeTracingConfiguration value) => new(null, value);
}
