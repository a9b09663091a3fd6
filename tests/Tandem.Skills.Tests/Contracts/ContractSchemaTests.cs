using System.Text.Json;
using Tandem.Skills.Contracts;

namespace Tandem.Skills.Tests.Contracts;

public sealed class ContractSchemaTests
{
    private static ContractSchema Compile(string schema)
    {
        var diagnostics = new List<SkillDiagnostic>();
        var compiled = ContractSchema.Compile(JsonDocument.Parse(schema).RootElement.Clone(), "test.schema.json", new FileDiagnostics("/test.schema.json", strict: true, diagnostics));
        Assert.Empty(diagnostics);
        return compiled!;
    }

    [Fact]
    public void Validate_AnyOfThatPasses_ReportsOnlyTheRealFailure()
    {
        var schema = Compile("""
            {
              "type": "object",
              "properties": {
                "a": { "anyOf": [{ "type": "string" }, { "type": "integer" }] },
                "b": { "type": "string" }
              }
            }
            """);

        var violations = schema.Validate(JsonDocument.Parse("""{"a":"x","b":1}""").RootElement);

        var violation = Assert.Single(violations);
        Assert.Equal("/properties/b/type", violation.SchemaPath);
        Assert.Equal("/b", violation.InstanceLocation);
    }

    [Fact]
    public void Validate_ReferencedDefinition_NamesThePathThroughTheReference()
    {
        var schema = Compile("""
            {
              "$defs": { "count": { "type": "integer" } },
              "type": "object",
              "properties": { "n": { "$ref": "#/$defs/count" } }
            }
            """);

        var violation = Assert.Single(schema.Validate(JsonDocument.Parse("""{"n":"three"}""").RootElement));

        Assert.Equal("/properties/n/$ref/type", violation.SchemaPath);
    }

    [Theory]
    [InlineData("""{"items":{"type":"integer"}}""", """["a"]""", "/items/type", "/0")]
    [InlineData("""{"type":"array","items":{"type":"array","items":{"type":"integer"}}}""", """[["a"]]""", "/items/items/type", "/0/0")]
    [InlineData("""{"properties":{"items":{"items":{"type":"integer"}}}}""", """{"items":["a"]}""", "/properties/items/items/type", "/items/0")]
    [InlineData("""{"properties":{"m":{"items":{"required":["line"]}}}}""", """{"m":[{}]}""", "/properties/m/items/required", "/m/0")]
    [InlineData("""{"prefixItems":[{"type":"integer"}]}""", """["a"]""", "/prefixItems/0/type", "/0")]
    [InlineData("""{"patternProperties":{"^a":{"type":"integer"}}}""", """{"a":"x"}""", "/patternProperties/^a/type", "/a")]
    public void Validate_Applicators_NameTheSchemaPathAsItIsInTheFile(string schemaText, string instance, string schemaPath, string at)
    {
        var violation = Assert.Single(Compile(schemaText).Validate(JsonDocument.Parse(instance).RootElement));

        Assert.Equal(schemaPath, violation.SchemaPath);
        Assert.Equal(at, violation.InstanceLocation);
    }

    [Fact]
    public void Validate_KeywordWithoutAMessage_StillGivesAReason()
    {
        var violation = Assert.Single(Compile("""{"not":{"type":"string"}}""").Validate(JsonDocument.Parse("\"a\"").RootElement));

        Assert.NotEmpty(violation.Message);
    }

    [Fact]
    public void Compile_TwoSchemasWithOneId_DoNotCollide()
    {
        const string Schema = """{"$id":"https://tandem.invalid/same","type":"object"}""";

        Compile(Schema);
        Compile(Schema);
    }
}
