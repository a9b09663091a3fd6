using System.Text.Json;

namespace Tandem.Responses.Protocol.Tests;

public sealed class StrictSchemaTests
{
    private static string? Check(string schema) => StrictSchema.FindViolation(JsonDocument.Parse(schema).RootElement);

    [Fact]
    public void FindViolation_StrictValidNestedSchema_ReturnsNull() =>
        Assert.Null(Check("""
            {"type":"object","additionalProperties":false,"required":["a","b"],
             "properties":{"a":{"type":"string"},"b":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["c"],"properties":{"c":{"type":["integer","null"]}}}}}}
            """));

    [Fact]
    public void FindViolation_MissingAdditionalPropertiesFalse_SaysSo() =>
        Assert.Contains("'additionalProperties' is required to be supplied and to be false", Check("""{"type":"object","properties":{},"required":[]}"""), StringComparison.Ordinal);

    [Fact]
    public void FindViolation_PropertyNotRequired_NamesIt() =>
        Assert.Contains("Missing 'b'", Check("""{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"string"}}}"""), StringComparison.Ordinal);

    [Fact]
    public void FindViolation_NestedObjectInArrayItems_IsChecked() =>
        Assert.NotNull(Check("""{"type":"object","additionalProperties":false,"required":["x"],"properties":{"x":{"type":"array","items":{"type":"object","properties":{"y":{"type":"string"}}}}}}"""));

    [Fact]
    public void FindViolation_DefinitionsAndAnyOf_AreChecked()
    {
        Assert.NotNull(Check("""{"type":"object","additionalProperties":false,"required":[],"properties":{},"$defs":{"n":{"type":"object","properties":{"v":{"type":"string"}}}}}"""));
        Assert.NotNull(Check("""{"type":"object","additionalProperties":false,"required":["u"],"properties":{"u":{"anyOf":[{"type":"string"},{"type":"object","properties":{}}]}}}"""));
    }
}
