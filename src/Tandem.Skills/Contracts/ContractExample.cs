using System.Text.Json;

namespace Tandem.Skills.Contracts;

/// <summary>
/// One example of a tool contract, <c>contracts/examples/TOOL/NAME.json</c>: an input and either the
/// output it must produce or the error it must report. Every example is a contract test. Optional
/// members: <c>description</c>, and <c>workspace</c> (relative path → text) — the files the test
/// runner writes into a fresh workspace before the run, so an example is self-contained.
/// </summary>
public sealed class ContractExample
{
    /// <summary>The file name without <c>.json</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The example's path relative to the skill folder (<c>contracts/examples/TOOL/NAME.json</c>).</summary>
    public required string File { get; init; }

    public string? Description { get; init; }

    /// <summary>The tool's arguments; always valid against the input schema (checked at load).</summary>
    public required JsonElement Input { get; init; }

    /// <summary>The expected output, valid against the output schema; absent for an error example.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>The expected error; absent for an output example.</summary>
    public ContractError? Error { get; init; }

    public IReadOnlyDictionary<string, string> Workspace { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool IsError => Error is not null;

    /// <summary>
    /// How <paramref name="actual"/> differs from the expected output ("at POINTER: expected X, got Y"),
    /// or null when it matches: objects by members in any order, arrays in order, numbers by value.
    /// </summary>
    public string? FindOutputMismatch(JsonElement actual)
    {
        if (Output is not { } expected)
        {
            return "the example expects an error, not an output";
        }

        return JsonDifference.Find(expected, actual);
    }
}
