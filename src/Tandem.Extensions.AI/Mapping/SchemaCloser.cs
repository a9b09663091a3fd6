using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>
/// Decides whether a JSON schema can be sent with <c>strict:true</c>. The only change made is adding
/// <c>additionalProperties:false</c> to object schemas that say nothing about extra properties — that
/// is what a strict schema means anyway. Optional properties are never made required: that would
/// change what the function receives, so such a schema stays non-strict.
/// </summary>
internal static class SchemaCloser
{
    private static readonly string[] Nested = ["items", "$defs", "definitions", "anyOf"];

    /// <summary>The closed schema and whether it is strict-valid.</summary>
    public static (JsonElement Schema, bool StrictValid) Close(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return (schema, false);
        }

        var node = JsonNode.Parse(schema.GetRawText())!;
        CloseObjects(node, 0);
        var closed = JsonValues.Build(w => node.WriteTo(w));
        return (closed, StrictSchema.FindViolation(closed) is null);
    }

    private static void CloseObjects(JsonNode? node, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        switch (node)
        {
            case JsonArray array:
                foreach (var element in array)
                {
                    CloseObjects(element, depth + 1);
                }

                break;
            case JsonObject obj:
                if (IsObjectSchema(obj) && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }

                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var (_, property) in properties)
                    {
                        CloseObjects(property, depth + 1);
                    }
                }

                foreach (var key in Nested)
                {
                    switch (obj[key])
                    {
                        case JsonObject child when key is "$defs" or "definitions":
                            foreach (var (_, definition) in child)
                            {
                                CloseObjects(definition, depth + 1);
                            }

                            break;
                        case { } child:
                            CloseObjects(child, depth + 1);
                            break;
                    }
                }

                break;
        }
    }

    private static bool IsObjectSchema(JsonObject obj) =>
        obj.ContainsKey("properties") || obj["type"] switch
        {
            JsonValue v => v.TryGetValue<string>(out var t) && t == "object",
            JsonArray a => a.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == "object"),
            _ => false,
        };
}
