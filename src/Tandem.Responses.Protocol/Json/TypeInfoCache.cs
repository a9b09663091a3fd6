using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// The last <see cref="JsonTypeInfo{T}"/> asked for, per type: <see cref="JsonSerializerOptions.GetTypeInfo"/>
/// is a dictionary lookup keyed by a <see cref="Type"/> that shared generic code must first look up
/// too, and converters ask for the same few types for every item, part and event they read.
/// </summary>
internal static class TypeInfoCache<T>
{
    private static JsonTypeInfo<T>? s_last;

    public static JsonTypeInfo<T> Get(JsonSerializerOptions options)
    {
        var last = s_last; // one reference: a racing writer leaves a whole, valid entry
        if (last is not null && ReferenceEquals(last.Options, options))
        {
            return last;
        }

        last = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        s_last = last;
        return last;
    }
}
