using System.Text.Json;
using Tandem.Agents.Tools;

namespace Tandem.Skills.Contracts;

/// <summary>
/// A skill's typed tool contract, from files (no new front-matter keys):
/// <c>contracts/TOOL.input.schema.json</c> (a strict schema, sent to the model as is),
/// <c>contracts/TOOL.output.schema.json</c>, <c>contracts/examples/TOOL/*.json</c>, and the script
/// <c>scripts/TOOL.py</c> or <c>scripts/TOOL.sh</c> that implements it.
/// </summary>
public sealed class SkillContract
{
    private readonly ContractSchema _input;
    private readonly ContractSchema _output;

    internal SkillContract(string toolName, ContractSchema input, ContractSchema output)
    {
        ToolName = toolName;
        _input = input;
        _output = output;
    }

    /// <summary>The function name the model calls (<c>[A-Za-z0-9_-]{1,64}</c>).</summary>
    public string ToolName { get; }

    /// <summary>The tool's description for the model: the input schema's top-level <c>description</c>.</summary>
    public string? Description => _input.Json.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;

    public JsonElement InputSchema => _input.Json;

    public JsonElement OutputSchema => _output.Json;

    public string InputSchemaFile => $"contracts/{ToolName}.input.schema.json";

    public string OutputSchemaFile => $"contracts/{ToolName}.output.schema.json";

    /// <summary>The script, relative to the skill folder (<c>scripts/TOOL.py</c> or <c>scripts/TOOL.sh</c>); null when there is none.</summary>
    public string? Script { get; init; }

    /// <summary>The program that runs <see cref="Script"/>: <c>python3</c> or <c>sh</c>.</summary>
    public string? Interpreter { get; init; }

    /// <summary>The tool takes an <c>idempotency_key</c>: it has a side effect that a repeat with the same key must not repeat.</summary>
    public bool HasIdempotencyKey => InputSchema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("idempotency_key", out _);

    public IReadOnlyList<ContractExample> Examples { get; internal set; } = [];

    /// <summary>Arguments checked against the input schema (checklist S3); empty when they match.</summary>
    public IReadOnlyList<SchemaViolation> ValidateInput(JsonElement input) => _input.Validate(input);

    /// <summary>An output checked against the output schema (checklist S4): on a violation the model must see a generic error, not the output.</summary>
    public IReadOnlyList<SchemaViolation> ValidateOutput(JsonElement output) => _output.Validate(output);

    /// <summary>
    /// The tool as the runtime sees it. Script output is treated as untrusted (a script can read the
    /// workspace, so its output can carry file contents into the run). A tool with an idempotency key
    /// writes, and is not replay-safe: the key makes a repeat of the same call a no-op, but a retried
    /// turn has the model make its calls again, with keys of its own choosing, so the effect could happen twice.
    /// </summary>
    public ToolDefinition ToToolDefinition() => new()
    {
        Name = ToolName,
        Description = Description,
        Parameters = InputSchema,
        Strict = true,
        SideEffect = HasIdempotencyKey ? SideEffect.Write : SideEffect.Read,
        ReplaySafe = !HasIdempotencyKey,
        UntrustedOutput = true,
    };
}
