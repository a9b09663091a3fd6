namespace Tandem.Skills.Testing;

/// <summary>
/// One row of <c>tandem skills test</c>: a contract example and its verdict, or a skill or tool that could not be
/// tested (then <see cref="Example"/>, and possibly <see cref="Tool"/>, are null).
/// </summary>
public sealed record ContractExampleResult
{
    /// <summary>The skill's folder name.</summary>
    public required string Skill { get; init; }

    public string? Tool { get; init; }

    /// <summary>The example's name (its file name without <c>.json</c>).</summary>
    public string? Example { get; init; }

    /// <summary>The file the verdict is about, relative to the skill folder (<c>contracts/examples/TOOL/NAME.json</c>).</summary>
    public string? File { get; init; }

    public required ContractExampleOutcome Outcome { get; init; }

    /// <summary>
    /// What was checked, or what failed. A failure names the example file first and, when a schema refused a value,
    /// the schema file and the schema path (<c>... does not match contracts/t.output.schema.json at schema path /required ...</c>).
    /// </summary>
    public required string Message { get; init; }

    /// <summary>Time spent on the example, both runs included.</summary>
    public TimeSpan Duration { get; init; }

    public bool Failed => Outcome == ContractExampleOutcome.Failed;
}
