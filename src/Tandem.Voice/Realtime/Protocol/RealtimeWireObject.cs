using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// Base of every Realtime wire object. It keeps the fields Tandem does not model
/// (<see cref="AdditionalProperties"/>) and remembers which modelled fields are an explicit JSON
/// <c>null</c>: on this protocol <c>null</c> and absent differ (<c>"turn_detection": null</c> turns
/// VAD off, an absent <c>turn_detection</c> leaves it as it is), and the server writes many fields
/// as <c>null</c> (<c>"previous_item_id": null</c>, <c>"usage": null</c>). A property that is null
/// in C# is left out of the JSON unless it is marked with <see cref="SetExplicitNull"/>; reading
/// JSON marks every field that arrived as <c>null</c>, so any object reads and writes back the same.
/// Serialise through <see cref="RealtimeJson"/>, whose options apply the marks.
/// </summary>
public abstract record RealtimeWireObject
{
    private ImmutableHashSet<string>? _explicitNulls;

    /// <summary>Fields Tandem does not model, kept as they arrived and written back.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>JSON names of the fields that are written as <c>null</c> while their property is null.</summary>
    [JsonIgnore]
    public IReadOnlySet<string> ExplicitNulls => _explicitNulls ?? ImmutableHashSet<string>.Empty;

    /// <summary>
    /// Writes the field <paramref name="jsonName"/> (its wire name, e.g. <c>turn_detection</c>) as
    /// <c>null</c> while its property is null. A copy made with <c>with</c> gets its own marks.
    /// </summary>
    public void SetExplicitNull(string jsonName)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonName);
        _explicitNulls = (_explicitNulls ?? ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal)).Add(jsonName);
    }

    /// <summary>Leaves the field <paramref name="jsonName"/> out of the JSON again while its property is null.</summary>
    public void ClearExplicitNull(string jsonName) => _explicitNulls = _explicitNulls?.Remove(jsonName);

    /// <summary>True when the field <paramref name="jsonName"/> is written as <c>null</c> while its property is null.</summary>
    public bool IsExplicitNull(string jsonName) => _explicitNulls?.Contains(jsonName) == true;
}
