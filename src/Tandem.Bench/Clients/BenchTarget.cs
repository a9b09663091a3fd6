namespace Tandem.Bench.Clients;

/// <summary>Where the clients send their requests: the embedded server, or a real endpoint.</summary>
/// <param name="BaseUrl">The API base, ending in <c>/v1/</c>.</param>
/// <param name="ApiKey">The key every client sends.</param>
/// <param name="Model">For a real endpoint, the model to name; on the local server each scenario is its own model.</param>
public sealed record BenchTarget(Uri BaseUrl, string ApiKey, string? Model = null)
{
    /// <summary>The model a client names for <paramref name="scenario"/>.</summary>
    public string ModelFor(Scenarios.BenchScenario scenario) => Model ?? scenario.Model;
}
