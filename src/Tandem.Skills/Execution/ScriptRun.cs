using System.Text.Json;
using Tandem.Agents.Tools;
using Tandem.Security.Sandbox;
using Tandem.Skills.Contracts;

namespace Tandem.Skills.Execution;

/// <summary>
/// One run of a skill script, classified. The model only ever sees <see cref="ToToolResult"/>; the rest (violations,
/// the parse error, the sandbox result with stderr) is for logs and for the contract test runner.
/// </summary>
internal sealed record ScriptRun
{
    public required ScriptRunKind Kind { get; init; }

    /// <summary>The validated output (<see cref="ScriptRunKind.Output"/>).</summary>
    public JsonElement? Output { get; init; }

    /// <summary>The tool's own error (<see cref="ScriptRunKind.Error"/>).</summary>
    public ContractError? Error { get; init; }

    /// <summary>Why the output breaks the contract (<see cref="ScriptRunKind.InvalidOutput"/>): schema violations...</summary>
    public IReadOnlyList<SchemaViolation> Violations { get; init; } = [];

    /// <summary>...or why it is not one JSON object at all.</summary>
    public string? ParseError { get; init; }

    /// <summary>The stable code of a <see cref="ScriptRunKind.Failed"/> or <see cref="ScriptRunKind.InvalidOutput"/> run (see <see cref="SkillToolErrors"/>).</summary>
    public string? FailureCode { get; init; }

    /// <summary>What happened, in words safe for the model: never the script's stdout or stderr.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>The sandbox's report; null when the run was refused before it started.</summary>
    public SandboxResult? Sandbox { get; init; }

    /// <summary>What goes back to the model: the output, or an error object with a code and a message.</summary>
    public ToolResult ToToolResult() => Kind switch
    {
        ScriptRunKind.Output => new ToolResult(Output!.Value.GetRawText()),
        ScriptRunKind.Error => ToolResult.Error(SkillToolErrors.Json(Error!.Code, Error.Message)),
        _ => ToolResult.Error(SkillToolErrors.Json(FailureCode!, FailureMessage)),
    };
}
