namespace Tandem.Skills.Contracts;

/// <summary>The contract files found for one tool name (relative paths), gathered before any is parsed.</summary>
internal sealed class ContractToolFiles
{
    public string? Input { get; set; }

    public string? Output { get; set; }

    public List<string> Examples { get; } = [];
}
