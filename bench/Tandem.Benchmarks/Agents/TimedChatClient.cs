using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// Sits between <c>FunctionInvokingChatClient</c> and the model client and notes when each model
/// request starts and when its response ends, so the log can split a round into model time and tool
/// time the same way as for Tandem (whose runner reports per-turn timings itself).
/// </summary>
public sealed class TimedChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly List<ModelCallTiming> _calls = [];
    private long _runStart;

    /// <summary>Starts a run's timeline (runs do not overlap: one benchmark operation at a time).</summary>
    public void StartRun()
    {
        _calls.Clear();
        _runStart = Stopwatch.GetTimestamp();
    }

    /// <summary>The current run's model requests so far.</summary>
    public List<ModelCallTiming> Calls => _calls.ToList();

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var start = Now();
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        _calls.Add(new ModelCallTiming(start, Now()));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = Now();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }

        _calls.Add(new ModelCallTiming(start, Now()));
    }

    private double Now() => Stopwatch.GetElapsedTime(_runStart).TotalMilliseconds;
}
