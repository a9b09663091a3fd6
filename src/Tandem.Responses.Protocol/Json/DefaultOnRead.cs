namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// A property whose default (an empty list, a blank object) is made on first read rather than at
/// construction. The serializer constructs an object and then sets every field the JSON holds, so
/// a default made up front was garbage for each of those fields on every parse. A property set to
/// null reads back null (the field then holds <c>nullMarker</c>, an instance never handed out).
/// </summary>
internal static class DefaultOnRead
{
    public static T Get<T>(ref T? field, T nullMarker, Func<T> makeDefault)
        where T : class
    {
        var value = Volatile.Read(ref field);
        if (value is null)
        {
            // Concurrent first reads agree on one default.
            value = Interlocked.CompareExchange(ref field, makeDefault(), null) ?? Volatile.Read(ref field)!;
        }

        return ReferenceEquals(value, nullMarker) ? null! : value;
    }

    public static void Set<T>(ref T? field, T? value, T nullMarker)
        where T : class =>
        Volatile.Write(ref field, value ?? nullMarker);
}
