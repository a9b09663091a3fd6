namespace Tandem.Skills.Contracts;

/// <summary>
/// Why a JSON value does not match a contract schema: the schema path (JSON pointer into the schema,
/// ending with the failing keyword), the instance location (JSON pointer into the value) and the message.
/// </summary>
public sealed record SchemaViolation(string SchemaPath, string InstanceLocation, string Message)
{
    public override string ToString() =>
        $"schema path {(SchemaPath.Length == 0 ? "/" : SchemaPath)} (value at {(InstanceLocation.Length == 0 ? "/" : InstanceLocation)}): {Message}";
}
