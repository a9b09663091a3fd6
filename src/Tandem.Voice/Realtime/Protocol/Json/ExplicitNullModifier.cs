using System.Text.Json.Serialization.Metadata;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>
/// Makes <c>null</c> and absent round-trip on every <see cref="RealtimeWireObject"/>: a field read as
/// <c>null</c> is marked, and a null property is written only when marked
/// (<see cref="RealtimeWireObject.SetExplicitNull"/>). Needs settable properties, which the
/// serializer sets one by one (init-only or required ones would go through a constructor).
/// </summary>
internal static class ExplicitNullModifier
{
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(RealtimeWireObject).IsAssignableFrom(info.Type))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.IsExtensionData || (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null))
            {
                continue;
            }

            var name = property.Name;
            if (property.Set is { } set)
            {
                property.Set = (obj, value) =>
                {
                    set(obj, value);
                    if (value is null)
                    {
                        ((RealtimeWireObject)obj).SetExplicitNull(name);
                    }
                };
            }

            property.ShouldSerialize = (obj, value) => value is not null || ((RealtimeWireObject)obj).IsExplicitNull(name);
        }
    }
}
