using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tandem.Server.Backends;

/// <summary>
/// Builds deterministic arguments that satisfy a function tool's JSON schema (the strict-mode
/// subset: objects, arrays, scalars, enums, const, anyOf, nullable types, $ref to $defs).
/// </summary>
internal static class SchemaArgumentGenerator
{
    private const int MaxDepth = 16;

    public static string Generate(JsonElement? schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (schema is { ValueKind: JsonValueKind.Object } s)
            {
                WriteValue(writer, s, s, "value", 0);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement schema, JsonElement root, string name, int depth)
    {
        if (depth > MaxDepth)
        {
            writer.WriteNullValue();
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && Resolve(root, r) is { } target)
        {
            WriteValue(writer, target, root, name, depth + 1);
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        // Past half the depth budget a recursive schema is ended at a branch that allows it (null,
        // or an empty array) rather than at the hard limit, where a null could break the schema.
        var deep = depth >= MaxDepth / 2;
        if (deep && AllowsNullType(schema))
        {
            writer.WriteNullValue();
            return;
        }

        foreach (var key in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(key, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array && alternatives.GetArrayLength() > 0)
            {
                // Prefer a non-null alternative so the arguments say something, except deep in a recursive schema.
                var chosen = alternatives.EnumerateArray().FirstOrDefault(a => IsNullType(a) == deep);
                WriteValue(writer, chosen.ValueKind == JsonValueKind.Object ? chosen : alternatives[0], root, name, depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                writer.WriteStartObject();
                if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in props.EnumerateObject())
                    {
                        writer.WritePropertyName(p.Name);
                        WriteValue(writer, p.Value, root, p.Name, depth + 1);
                    }
                }

                writer.WriteEndObject();
                break;
            case "array":
                writer.WriteStartArray();
                var minItems = schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var m) ? Math.Max(0, m) : 0;
                var count = deep ? minItems : Math.Max(1, minItems);
                if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
                {
                    for (var i = 0; i < count; i++)
                    {
                        WriteValue(writer, items, root, name, depth + 1);
                    }
                }

                writer.WriteEndArray();
                break;
            case "integer":
                writer.WriteNumberValue(schema.TryGetProperty("minimum", out var imin) && imin.TryGetInt64(out var il) ? Math.Max(il, 1) : 1);
                break;
            case "number":
                writer.WriteNumberValue(schema.TryGetProperty("minimum", out var nmin) && nmin.TryGetDouble(out var nl) ? Math.Max(nl, 1) : 1);
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringFor(schema, name));
                break;
        }
    }

    private static string StringFor(JsonElement schema, string name)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var value = format switch
        {
            "date-time" => "2026-01-01T00:00:00Z",
            "date" => "2026-01-01",
            "time" => "00:00:00",
            "email" => "user@example.com",
            "uri" => "https://example.com/",
            "uuid" => "00000000-0000-4000-8000-000000000000",
            _ => "example " + name,
        };
        if (schema.TryGetProperty("minLength", out var minLength) && minLength.TryGetInt32(out var n) && value.Length < n)
        {
            value = value.PadRight(n, 'x');
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.TryGetInt32(out var x) && value.Length > x)
        {
            value = value[..x];
        }

        return value;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            // ["string","null"]: the first non-null type
            return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null";
        }

        return null;
    }

    private static bool IsNullType(JsonElement schema) => TypeOf(schema) == "null";

    /// <summary>A type list such as <c>["object","null"]</c> that includes <c>null</c>.</summary>
    private static bool AllowsNullType(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "null");

    private static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (reference == "#")
        {
            return root; // root recursion, which structured outputs allow
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment.Replace("~1", "/").Replace("~0", "~"), out current))
            {
                return null;
            }
        }

        return current;
    }
}
