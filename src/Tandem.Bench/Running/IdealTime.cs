using Tandem.Bench.Measurement;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Running;

/// <summary>
/// The ideal wall time of a run: the latency profile's unavoidable costs along the scenario's
/// critical path, with a client that costs nothing. Each turn lasts until its response is complete by
/// the server's schedule, or until its slowest call is done when each call starts the moment its
/// <c>output_item.done</c> is due (early dispatch) — whichever is later; the next turn starts then.
/// The schedule is the server's own (<see cref="Tandem.Server.Operations.ResponseSchedule"/>, reported per response),
/// so the ideal follows the tokens the run really sent and what the server really had cached.
/// </summary>
public static class IdealTime
{
    /// <summary>The ideal of <paramref name="run"/>, or <see langword="null"/> when the server did not report one of its responses (a real endpoint).</summary>
    public static double? Of(RunMeasurement run, BenchScenario scenario, ServedLog served)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(served);
        var total = 0.0;
        foreach (var turn in run.Turns)
        {
            if (!served.TryGet(turn.ResponseId, out var response))
            {
                return null;
            }

            var end = response.CompletedAtMs;
            foreach (var call in response.Calls)
            {
                end = Math.Max(end, call.DoneAtMs + scenario.Tool(call.Name).LatencyMs);
            }

            total += end;
        }

        return total;
    }

    /// <summary>The bar of benchmark-method.md: WebSocket within 3% + 2 ms per turn of the ideal, HTTP within 5% + 3 ms per turn.</summary>
    public static double Allowance(string transport, double idealMs, int turns) =>
        transport == "websocket" ? idealMs * 0.03 + 2.0 * turns : idealMs * 0.05 + 3.0 * turns;
}
