using Tandem.Benchmarks.Infrastructure;
using Tandem.Server.Backends;
using Tandem.Server.Operations;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// The early-dispatch benchmark's inputs: <c>scenarios/fanout-unequal.json</c> (3 rounds of 8 calls
/// to tools of 50-400 ms, then an answer) and its latency profile. Both are parsed with the server's
/// own loaders, so the benchmark, the critical-path computation and the server read the same data.
/// </summary>
public static class FanOutScenario
{
    public const string Name = "fanout-unequal";

    public const string Model = "scenario/" + Name;

    /// <summary>What the scripted model is asked (the scenario ignores it; every client sends the same).</summary>
    public const string UserInput = "Review the early-dispatch work: lint, search, query and read what you need.";

    /// <summary>The final answer the scenario ends with: a run that does not end with it did not run the scenario.</summary>
    public const string FinalAnswerStart = "Reviewed 24 tool results";

    public static string ScenarioPath => Path.Combine(RepositoryPaths.Scenarios, Name + ".json");

    public static string ProfilePath => Path.Combine(RepositoryPaths.Root, "bench", "Tandem.Benchmarks", "Agents", "early-dispatch-profile.json");

    public static Scenario LoadScenario() => ScenarioCatalog.Parse(File.ReadAllText(ScenarioPath), ScenarioPath);

    public static LatencyProfile LoadProfile() => LatencyProfile.Load(ProfilePath);
}
