using System.Text.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// The structured-outputs rules a <c>strict:true</c> function schema must follow: every object has
/// <c>additionalProperties:false</c> and lists every property in <c>required</c>.
/// </summary>
public static class StrictSchema
{
    /// <summary>The first rule broken, described as the API describes it, or <see langword="null"/> when the schema is strict-valid.</summary>
    public static string? FindViolation(JsonElement schema) => Check(schema, "()", 0);

    private static string? Check(JsonElement schema, string path, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 32)
        {
            return null;
        }

        var isObject = schema.TryGetProperty("type", out var type) &&
            (type.ValueKind == JsonValueKind.String ? type.GetString() == "object" : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "object"));
        if (isObject || schema.TryGetProperty("properties", out _))
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                return $"In context={path}, 'additionalProperties' is required to be supplied and to be false.";
            }

            if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
                    : [];
                foreach (var p in props.EnumerateObject())
                {
                    if (!required.Contains(p.Name))
                    {
                        return $"In context={path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{p.Name}'.";
                    }

                    if (Check(p.Value, $"{path[..^1]}'properties', '{p.Name}')".Replace("(,", "(", StringComparison.Ordinal), depth + 1) is { } inner)
                    {
                        return inner;
                    }
                }
            }
        }

        foreach (var key in (ReadOnlySpan<string>)["items", "$defs", "definitions", "anyOf"])
        {
            if (!schema.TryGetProperty(key, out var child))
            {
                continue;
            }

            if (child.ValueKind == JsonValueKind.Object && key == "items" && Check(child, path, depth + 1) is { } inItems)
            {
                return inItems;
            }

            if (child.ValueKind == JsonValueKind.Object && key is "$defs" or "definitions")
            {
                foreach (var d in child.EnumerateObject())
                {
                    if (Check(d.Value, path, depth + 1) is { } inDef)
                    {
                        return inDef;
                    }
                }
            }

            if (child.ValueKind == JsonValueKind.Array)
            {
                foreach (var alt in child.EnumerateArray())
                {
                    if (Check(alt, path, depth + 1) is { } inAlt)
                    {
                        return inAlt;
                    }
                }
            }
        }

        return null;
    }
}
