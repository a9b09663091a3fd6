namespace Tandem.Agents.Tools;

public enum ToolRisk
{
    Low,

    /// <summary>Needs an approval before it runs (always, or once the run is tainted — see the run policy).</summary>
    High,
}
