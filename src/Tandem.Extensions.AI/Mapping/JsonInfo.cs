using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>
/// Type infos from Microsoft.Extensions.AI's own options, which already know its content types and
/// the shapes function arguments and results take.
/// </summary>
internal static class JsonInfo
{
    public static JsonTypeInfo<IDictionary<string, object?>> Arguments { get; } =
        (JsonTypeInfo<IDictionary<string, object?>>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>));

    public static JsonTypeInfo<object> Object { get; } = (JsonTypeInfo<object>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object));

    public static JsonTypeInfo<AIContent> Content { get; } = (JsonTypeInfo<AIContent>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent));
}
