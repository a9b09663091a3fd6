namespace Tandem.Voice.Realtime.Protocol;

/// <summary>Fluent helpers for building wire objects in one expression.</summary>
public static class RealtimeWireObjectExtensions
{
    /// <summary>Marks each of <paramref name="jsonNames"/> to be written as <c>null</c> while unset, and returns <paramref name="value"/>.</summary>
    public static T WithExplicitNull<T>(this T value, params ReadOnlySpan<string> jsonNames)
        where T : RealtimeWireObject
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var name in jsonNames)
        {
            value.SetExplicitNull(name);
        }

        return value;
    }
}
