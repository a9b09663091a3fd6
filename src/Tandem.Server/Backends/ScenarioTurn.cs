namespace Tandem.Server.Backends;

/// <summary>One model turn of a scenario.</summary>
public sealed class ScenarioTurn
{
    public List<ScenarioOutput> Output { get; set; } = [];
}
