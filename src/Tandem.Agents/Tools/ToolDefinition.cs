using System.Text.Json;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Tools;

/// <summary>A tool as the model and the runtime see it: its contract and its operating limits.</summary>
public sealed class ToolDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The JSON schema of the arguments (strict-valid when <see cref="Strict"/>).</summary>
    public required JsonElement Parameters { get; init; }

    public bool Strict { get; init; } = true;

    /// <summary>Longest a call may run before it is cancelled and reported to the model as timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Calls of this tool running at once (on top of the dispatcher's global bound).</summary>
    public int MaxConcurrency { get; init; } = int.MaxValue;

    public SideEffect SideEffect { get; init; } = SideEffect.Read;

    public ToolRisk Risk { get; init; } = ToolRisk.Low;

    /// <summary>The tool's output is untrusted (files, web pages, email): once it enters a run, the run is tainted.</summary>
    public bool UntrustedOutput { get; init; }

    /// <summary>May the call run again after a crash or a failed turn? Reads are; writes only if the tool says so.</summary>
    public bool ReplaySafe { get; init; } = true;

    /// <summary>The function tool sent to the model.</summary>
    public ResponseTool ToResponseTool() => ResponseTool.Function(Name, Description, Parameters, Strict);
}
