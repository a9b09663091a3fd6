using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// One client under test: it runs a scenario's whole tool loop against the target — the user
/// prompt, every model turn, every simulated tool call — and reports what it measured with a
/// <see cref="RunRecorder"/>. A client is created once and reused for every run (warm-up included),
/// as an application would keep it.
/// </summary>
public interface IBenchClient : IAsyncDisposable
{
    /// <summary>Stable id used in reports and JSON (e.g. <c>tandem-ws</c>).</summary>
    string Name { get; }

    /// <summary>One line for the report: library, transport, how it chains.</summary>
    string Description { get; }

    /// <summary><c>websocket</c> or <c>http</c>.</summary>
    string Transport { get; }

    Task<RunMeasurement> RunAsync(BenchScenario scenario, CancellationToken cancellationToken);
}
