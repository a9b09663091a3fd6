namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>noise_reduction</c>: <c>near_field</c> (headsets) or <c>far_field</c> (laptops, rooms).</summary>
public sealed record RealtimeNoiseReduction : RealtimeWireObject
{
    public string? Type { get; set; }

    public static RealtimeNoiseReduction NearField => new() { Type = "near_field" };

    public static RealtimeNoiseReduction FarField => new() { Type = "far_field" };
}
