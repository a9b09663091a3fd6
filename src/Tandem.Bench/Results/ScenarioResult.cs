namespace Tandem.Bench.Results;

public sealed class ScenarioResult
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public required int Turns { get; set; }

    public required int Calls { get; set; }

    public List<ClientScenarioResult> Results { get; set; } = [];
}
