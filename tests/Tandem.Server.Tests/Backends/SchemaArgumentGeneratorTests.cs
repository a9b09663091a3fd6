using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Server.Backends;
using Tandem.Server.Sessions;

namespace Tandem.Server.Tests.Backends;

/// <summary>Generated function arguments fit the tool's (strict) schema.</summary>
public sealed class SchemaArgumentGeneratorTests
{
    /// <summary>A strict schema with nested objects, arrays, enums, integers, nullable types, anyOf and $defs/$ref.</summary>
    internal const string ComplexStrictSchema = """
        {
          "type": "object",
          "properties": {
            "city": { "type": "string" },
            "days": { "type": "integer", "minimum": 3, "maximum": 14 },
            "units": { "type": "string", "enum": ["metric", "imperial"] },
            "note": { "type": ["string", "null"] },
            "home": { "$ref": "#/$defs/location" },
            "stops": { "type": "array", "items": { "$ref": "#/$defs/location" }, "minItems": 2 },
            "options": {
              "type": "object",
              "properties": {
                "detail": { "type": "boolean" },
                "tags": { "type": "array", "items": { "type": "string", "enum": ["rain", "wind"] } },
                "limit": { "type": ["integer", "null"] }
              },
              "required": ["detail", "tags", "limit"],
              "additionalProperties": false
            },
            "mode": { "anyOf": [{ "type": "null" }, { "type": "string", "enum": ["fast", "slow"] }] },
            "version": { "const": 2 }
          },
          "required": ["city", "days", "units", "note", "home", "stops", "options", "mode", "version"],
          "additionalProperties": false,
          "$defs": {
            "location": {
              "type": "object",
              "properties": {
                "lat": { "type": "number" },
                "lon": { "type": "number" },
                "label": { "type": ["string", "null"] }
              },
              "required": ["lat", "lon", "label"],
              "additionalProperties": false
            }
          }
        }
        """;

    private static void AssertFits(string schemaJson, string arguments)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        using var value = JsonDocument.Parse(arguments);
        var errors = StrictSchemaValidator.Validate(schema.RootElement, value.RootElement);
        Assert.True(errors.Count == 0, $"{arguments}\n" + string.Join('\n', errors));
    }

    [Fact]
    public void Generate_ComplexStrictSchema_ProducesArgumentsThatValidate()
    {
        using var schema = JsonDocument.Parse(ComplexStrictSchema);
        Assert.Null(StrictSchema.FindViolation(schema.RootElement)); // the fixture itself is a valid strict schema

        var arguments = SchemaArgumentGenerator.Generate(schema.RootElement);

        AssertFits(ComplexStrictSchema, arguments);
        using var parsed = JsonDocument.Parse(arguments);
        Assert.Equal(3, parsed.RootElement.GetProperty("days").GetInt32());
        Assert.Equal("metric", parsed.RootElement.GetProperty("units").GetString());
        Assert.Equal(JsonValueKind.String, parsed.RootElement.GetProperty("note").ValueKind); // nullable prefers a value
        Assert.Equal(2, parsed.RootElement.GetProperty("stops").GetArrayLength());
    }

    [Fact]
    public void Generate_NoSchema_ProducesEmptyObject()
    {
        Assert.Equal("{}", SchemaArgumentGenerator.Generate(null));
    }

    [Fact]
    public void Generate_StringFormatsAndLengths_AreRespected()
    {
        const string Schema = """
            {"type":"object","properties":{
              "when":{"type":"string","format":"date-time"},
              "code":{"type":"string","minLength":20},
              "tiny":{"type":"string","maxLength":3}},
             "required":["when","code","tiny"],"additionalProperties":false}
            """;
        using var schema = JsonDocument.Parse(Schema);

        using var parsed = JsonDocument.Parse(SchemaArgumentGenerator.Generate(schema.RootElement));

        Assert.True(DateTimeOffset.TryParse(parsed.RootElement.GetProperty("when").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(parsed.RootElement.GetProperty("code").GetString()!.Length >= 20);
        Assert.True(parsed.RootElement.GetProperty("tiny").GetString()!.Length <= 3);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"name":{"type":"string"},"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["name","next"],"additionalProperties":false,"$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["name","next"],"additionalProperties":false}}}""")]
    [InlineData("""{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}},"required":["name","children"],"additionalProperties":false}""")]
    [InlineData("""{"type":"object","properties":{"name":{"type":"string"},"parent":{"type":["object","null"],"properties":{"name":{"type":"string"},"up":{"$ref":"#"}},"required":["name","up"],"additionalProperties":false}},"required":["name","parent"],"additionalProperties":false}""")]
    public void Generate_RecursiveSchema_EndsAtANullOrEmptyBranchAndValidates(string schemaJson)
    {
        using var schema = JsonDocument.Parse(schemaJson);

        var arguments = SchemaArgumentGenerator.Generate(schema.RootElement);

        AssertFits(schemaJson, arguments);
    }
}
