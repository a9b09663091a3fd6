using Microsoft.ML.Tokenizers;
using Tandem.Responses.Protocol.Json;
using Tandem.Server.Backends;
using Tandem.Server.Operations;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// The ideal wall time of a scenario under a latency profile: what the server's own schedule
/// (<see cref="ResponseSchedule"/>, docs/latency-profiles.md) and the tools' latencies make
/// unavoidable, with zero client, network and tool-startup cost.
/// </summary>
/// <remarks>
/// <para>Per model turn r, with its request arriving at S(r) (S(1) = 0), F(r) the offset of its first
/// token (request overhead [+ HTTP overhead] + time to first token + reasoning tokens / rate) and
/// Δ = 1000 / decode rate ms per token:</para>
/// <list type="bullet">
/// <item>call i of the turn, whose arguments stream as n(i) token pieces after e(i) earlier pieces of
/// the turn, has its <c>response.output_item.done</c> at D(i) = S + F + (e(i) + max(n(i), 1) − 1)·Δ
/// (the server sends each piece at its token's deadline and the done event right after the last);</item>
/// <item>the response completes at C(r) = S + F + N(r)·Δ, N(r) being all the pieces of the turn;</item>
/// <item>its tools are done at T(r) = max over i of (D(i) + L(i)) with early dispatch, C(r) + max L(i)
/// when all start after completion, C(r) + Σ L(i) when they run one after another;</item>
/// <item>the next request leaves at S(r+1) = max(C(r), T(r)); the run ends at C(last turn).</item>
/// </list>
/// <para>The early-dispatch value is the critical path of issue 4. The other two are the floors of
/// clients that cannot start a call before the response completes. The profile's two
/// history-dependent costs (stored-response loading, re-rendering uncached tokens) depend on each
/// client's request shape, so this computation refuses a profile where they are not 0.</para>
/// </remarks>
public static class CriticalPath
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static CriticalPathEstimate Compute(Scenario scenario, LatencyProfile profile, bool overHttp, ToolScheduling scheduling)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.LoadStoredResponseMsPerItem != 0 || profile.RenderMsPerUncachedInputToken != 0)
        {
            throw new ArgumentException($"Profile '{profile.Name}': the critical path is only computed when load_stored_response_ms_per_item and render_ms_per_uncached_input_token are 0 (they depend on each client's requests).", nameof(profile));
        }

        var latency = scenario.Tools.ToDictionary(t => t.Name, t => t.LatencyMs, StringComparer.Ordinal);
        var rounds = new List<RoundEstimate>();
        var start = 0.0;
        for (var turn = 0; turn < scenario.Turns.Count; turn++)
        {
            var output = scenario.Turns[turn].Output;
            var schedule = ResponseSchedule.For(profile, overHttp, loadedItems: 0, inputTokens: 0, cachedTokens: 0,
                reasoningTokens: output.Where(o => o.Type == "reasoning").Sum(o => o.ReasoningTokens), generates: true);
            var emitted = 0;
            var calls = new List<(double DoneMs, double LatencyMs)>();
            foreach (var o in output)
            {
                switch (o.Type)
                {
                    case "reasoning":
                        break; // its tokens are in the first-token offset; the summary streams without waits
                    case "message" when o.Text!.Contains("{{", StringComparison.Ordinal):
                        throw new NotSupportedException($"Scenario '{scenario.Name}' turn {turn}: a templated message's length depends on the tool output.");
                    case "message":
                        emitted += StreamedPieces(o.Text!);
                        break;
                    case "function_call":
                        // The server streams the compact serialisation of the arguments (ScriptedBackend).
                        var pieces = StreamedPieces(ProtocolJson.Serialize(o.Arguments!.Value));
                        calls.Add((start + schedule.TokenAtMs(emitted + Math.Max(pieces, 1) - 1), latency[o.Name!]));
                        emitted += pieces;
                        break;
                    default:
                        throw new NotSupportedException($"Scenario '{scenario.Name}' turn {turn}: output type '{o.Type}' is not modelled.");
                }
            }

            var completed = start + schedule.TokenAtMs(emitted);
            double? toolsDone = calls.Count == 0 ? null : scheduling switch
            {
                ToolScheduling.EarlyDispatch => calls.Max(c => c.DoneMs + c.LatencyMs),
                ToolScheduling.AfterCompletionConcurrent => completed + calls.Max(c => c.LatencyMs),
                ToolScheduling.AfterCompletionSerial => completed + calls.Sum(c => c.LatencyMs),
                _ => throw new ArgumentOutOfRangeException(nameof(scheduling)),
            };
            var round = new RoundEstimate(turn + 1, calls.Count, start, completed, toolsDone);
            rounds.Add(round);
            start = round.NextStartMs;
        }

        return new CriticalPathEstimate(overHttp, scheduling, rounds);
    }

    /// <summary>How many deltas the server streams for <paramref name="text"/>: the same splitting as its TokenCounter.SplitIntoTokens.</summary>
    public static int StreamedPieces(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var count = 0;
        var last = 0;
        foreach (var token in O200k.Value.EncodeToTokens(text, out _))
        {
            var (offset, length) = token.Offset.GetOffsetAndLength(text.Length);
            var end = offset + length;
            if (end <= last)
            {
                continue;
            }

            count++;
            last = end;
        }

        return last < text.Length ? count + 1 : count;
    }
}
