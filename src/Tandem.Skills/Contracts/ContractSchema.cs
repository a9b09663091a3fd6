using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace Tandem.Skills.Contracts;

/// <summary>
/// One compiled contract schema. Compiling checks the schema itself three ways: against the JSON
/// Schema 2020-12 meta-schema (which names the bad spot by pointer), for references that leave the
/// file (a contract must be self-contained: nothing is fetched), and by building it with JsonSchema.Net
/// (which also refuses unknown keywords, catching typos like <c>requried</c>).
/// </summary>
internal sealed class ContractSchema
{
    // Hierarchical, not list: the list format also reports the failed branches of an anyOf that passed
    // as a whole; walking the tree only through failed nodes reports only what actually failed.
    private static readonly EvaluationOptions TreeOutput = new() { OutputFormat = OutputFormat.Hierarchical };
    private readonly JsonSchema _schema;

    private ContractSchema(JsonSchema schema, JsonElement json)
    {
        _schema = schema;
        Json = json;
    }

    public JsonElement Json { get; }

    /// <summary>The compiled schema, or null after error diagnostics (<paramref name="name"/> is how messages name the file).</summary>
    public static ContractSchema? Compile(JsonElement json, string name, FileDiagnostics sink)
    {
        if (json.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            sink.Error(SkillRules.ContractSchema, $"{name} must be a JSON object (a JSON Schema).");
            return null;
        }

        var meta = MetaSchemas.Draft202012.Evaluate(json, TreeOutput);
        if (!meta.IsValid)
        {
            foreach (var v in Violations(meta, null).DistinctBy(v => v.InstanceLocation).Take(5))
            {
                sink.Error(SkillRules.ContractSchema, $"{name} is not a valid JSON Schema at {Pointer(v.InstanceLocation)}: {v.Message}");
            }

            return null;
        }

        if (FindForeignReference(json, json, string.Empty) is { } badReference)
        {
            sink.Error(SkillRules.ContractSchema, $"{name}: {badReference}");
            return null;
        }

        try
        {
            // A registry per schema: two contracts may use one $id without colliding in the global registry.
            var schema = JsonSchema.Build(json, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            return new ContractSchema(schema, json);
        }
        catch (RefResolutionException ex)
        {
            sink.Error(SkillRules.ContractSchema, $"{name} has a reference that does not resolve: {ex.Message}");
        }
        catch (JsonSchemaException ex)
        {
            sink.Error(SkillRules.ContractSchema, $"{name} is not a valid JSON Schema: {ex.Message}");
        }
        catch (JsonException ex)
        {
            sink.Error(SkillRules.ContractSchema, $"{name} is not a valid JSON Schema: {ex.Message}");
        }

        return null;
    }

    /// <summary>Every failed keyword, named by schema path and value location; empty when <paramref name="instance"/> matches.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance)
    {
        var results = _schema.Evaluate(instance, TreeOutput);
        if (results.IsValid)
        {
            return [];
        }

        var violations = Violations(results, Json).ToList();

        // Some keywords (e.g. "not") fail without a message of their own; never report "invalid" with no reason.
        return violations.Count > 0 ? violations : [new SchemaViolation(string.Empty, string.Empty, "The value does not match the schema.")];
    }

    internal static string Pointer(string pointer) => pointer.Length == 0 ? "/" : pointer;

    private static IEnumerable<SchemaViolation> Violations(EvaluationResults node, JsonElement? schema)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            // A keyword's error sits on the node of the schema holding the keyword, which completes the
            // path (the error of a false schema, e.g. additionalProperties: false, has no keyword).
            var path = schema is { } root ? SchemaPath(root, node.EvaluationPath.ToString()) : node.EvaluationPath.ToString();
            var schemaPath = keyword.Length == 0 ? path : path + "/" + keyword;
            yield return new SchemaViolation(schemaPath, node.InstanceLocation.ToString(), message);
        }

        foreach (var child in node.Details ?? [])
        {
            foreach (var violation in Violations(child, schema))
            {
                yield return violation;
            }
        }
    }

    /// <summary>
    /// The evaluation path (the standard "keyword location": through <c>$ref</c>s, as the schema was
    /// applied) checked against the schema document. JsonSchema.Net 8.0.5 repeats the <c>items</c>
    /// keyword in these paths (<c>/items/items</c> for one level) and its absolute schema locations of
    /// nested items are wrong too, so a segment that names nothing in the schema and repeats the one
    /// before it is dropped: the result points at what is really in the file.
    /// </summary>
    internal static string SchemaPath(JsonElement root, string evaluationPath)
    {
        if (evaluationPath.Length == 0)
        {
            return evaluationPath;
        }

        var kept = new List<string>();
        JsonElement? current = root;
        string? previous = null;
        foreach (var raw in evaluationPath.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current is { ValueKind: JsonValueKind.Object } node && node.TryGetProperty(token, out var next))
            {
                kept.Add(raw);
                current = token == "$ref" && next.ValueKind == JsonValueKind.String && next.GetString() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal)
                    ? Find(root, reference[1..])
                    : next;
            }
            else if (current is { ValueKind: JsonValueKind.Array } array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.GetArrayLength())
            {
                kept.Add(raw);
                current = array[index];
            }
            else if (current is not null && token == previous)
            {
                // The repeated keyword: not in the schema.
            }
            else
            {
                kept.Add(raw);
                current = null;
            }

            previous = token;
        }

        return "/" + string.Join('/', kept);
    }

    /// <summary>The first <c>$ref</c> that points outside the file or at nothing in it, described; null when all resolve locally.</summary>
    private static string? FindForeignReference(JsonElement root, JsonElement node, string at)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in node.EnumerateObject())
                {
                    var here = at + "/" + Escape(p.Name);
                    if (p.Name is "$ref" or "$dynamicRef" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        var reference = p.Value.GetString()!;
                        if (!reference.StartsWith('#'))
                        {
                            return $"the reference '{reference}' at {here} leaves the file; contract schemas must be self-contained.";
                        }

                        if (reference.StartsWith("#/", StringComparison.Ordinal) && !Resolves(root, reference[1..]))
                        {
                            return $"the reference '{reference}' at {here} does not resolve.";
                        }
                    }
                    else if (FindForeignReference(root, p.Value, here) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    if (FindForeignReference(root, item, at + "/" + i++) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Resolves(JsonElement root, string pointer) => Find(root, pointer) is not null;

    /// <summary>The element a JSON pointer (<c>/a/0/b</c>, URI-escaped as in a <c>$ref</c> fragment) names, or null.</summary>
    private static JsonElement? Find(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
