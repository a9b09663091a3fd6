namespace Tandem.Bench.Results;

/// <summary>One client on one scenario: every measured run, and the summary the reports show.</summary>
public sealed class ClientScenarioResult
{
    public required string Client { get; set; }

    public List<RunResult> Runs { get; set; } = [];

    public ResultSummary? Summary { get; set; }
}
