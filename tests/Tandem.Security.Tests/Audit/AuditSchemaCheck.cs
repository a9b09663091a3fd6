using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tandem.Security.Tests.Audit;

/// <summary>
/// A strict hand-written check of a record against <see cref="Tandem.Security.Audit.AuditRecordSchema"/>
/// (JsonSchema.Net is not referenced by these tests). It interprets the subset of JSON Schema the
/// schema uses — type, const, required, properties, additionalProperties (false or a schema), pattern,
/// minimum, minLength — and fails on any other keyword, so the schema cannot grow a rule it ignores.
/// </summary>
public static class AuditSchemaCheck
{
    private static readonly HashSet<string> Known = ["$schema", "$id", "title", "description", "type", "const", "required", "properties", "additionalProperties", "pattern", "minimum", "minLength"];

    /// <summary>Every violation of <paramref name="schema"/> by <paramref name="instance"/>, as "path: problem".</summary>
    public static List<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                throw new NotSupportedException($"The schema uses '{keyword.Name}', which this check does not interpret.");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{path}: expected {type.GetString()}, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: expected {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDecimal() < minimum.GetDecimal())
        {
            errors.Add($"{path}: below {minimum.GetDecimal().ToString(CultureInfo.InvariantCulture)}");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            {
                errors.Add($"{path}: shorter than {minLength.GetInt32().ToString(CultureInfo.InvariantCulture)}");
            }

            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{path}: does not match {pattern.GetString()}");
            }
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: missing required '{name}'");
                }
            }
        }

        schema.TryGetProperty("properties", out var properties);
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : (JsonElement?)null;
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = path + "." + member.Name;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Check(memberSchema, member.Value, memberPath, errors);
            }
            else if (additional is { ValueKind: JsonValueKind.False })
            {
                errors.Add($"{memberPath}: not allowed");
            }
            else if (additional is { ValueKind: JsonValueKind.Object } additionalSchema)
            {
                Check(additionalSchema, member.Value, memberPath, errors);
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "array" => value.ValueKind == JsonValueKind.Array,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => throw new NotSupportedException("type " + type),
    };
}
