using System.Collections.Concurrent;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// The standard tool round: the model calls functions, the client runs them, sends each result as a
/// <c>function_call_output</c> item, then asks for the next response with <c>response.create</c>.
/// </summary>
public sealed partial class RealtimeClient
{
    // Calls answered on response.function_call_arguments.done, waiting for their response.done.
    private readonly ConcurrentDictionary<string, byte> _answeredCalls = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs the tool round for <paramref name="serverEvent"/>, which the caller has just read; other
    /// events are ignored. On <c>response.function_call_arguments.done</c> (with a name) the call runs
    /// at once and its output is sent while the response finishes. On a completed <c>response.done</c>,
    /// the function calls not answered yet run, their outputs are sent, and then one
    /// <c>response.create</c> (with <paramref name="nextResponse"/>) asks for the model's next turn.
    /// Returns the calls run by this invocation.
    /// </summary>
    /// <param name="serverEvent">An event just read from <see cref="ReadEventsAsync"/>.</param>
    /// <param name="handler">Runs a call and returns its output (free text, usually JSON).</param>
    /// <param name="nextResponse">Overrides for the follow-up <c>response.create</c>.</param>
    /// <param name="cancellationToken">Cancels the tools and the sends.</param>
    public async Task<IReadOnlyList<RealtimeFunctionCall>> HandleFunctionCallsAsync(
        RealtimeServerEvent serverEvent,
        Func<RealtimeFunctionCall, CancellationToken, ValueTask<string>> handler,
        RealtimeResponseCreateOptions? nextResponse = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serverEvent);
        ArgumentNullException.ThrowIfNull(handler);
        switch (serverEvent)
        {
            case RealtimeResponseFunctionCallArgumentsDoneEvent { Name: { Length: > 0 } name } done when done.CallId.Length > 0:
            {
                if (!_answeredCalls.TryAdd(done.CallId, 0))
                {
                    return [];
                }

                var call = new RealtimeFunctionCall(done.CallId, name, done.Arguments, done.ItemId, done.ResponseId);
                await AnswerAsync(call, handler, cancellationToken).ConfigureAwait(false);
                return [call];
            }

            case RealtimeResponseDoneEvent { Response: { } response }:
            {
                var calls = response.Output?.OfType<RealtimeFunctionCallItem>().Where(c => !string.IsNullOrEmpty(c.CallId)).ToList() ?? [];
                if (calls.Count == 0)
                {
                    return [];
                }

                var handled = new List<RealtimeFunctionCall>();
                var completed = response.Status is null or RealtimeResponseStatus.Completed;
                foreach (var item in calls)
                {
                    if (_answeredCalls.TryRemove(item.CallId!, out _) || !completed || item.Status is not (null or RealtimeResponseStatus.Completed))
                    {
                        continue;
                    }

                    var call = new RealtimeFunctionCall(item.CallId!, item.Name ?? string.Empty, item.Arguments ?? string.Empty, item.Id, response.Id);
                    await AnswerAsync(call, handler, cancellationToken).ConfigureAwait(false);
                    handled.Add(call);
                }

                if (completed)
                {
                    await CreateResponseAsync(nextResponse, cancellationToken).ConfigureAwait(false);
                }

                return handled;
            }

            default:
                return [];
        }
    }

    private async Task AnswerAsync(RealtimeFunctionCall call, Func<RealtimeFunctionCall, CancellationToken, ValueTask<string>> handler, CancellationToken cancellationToken)
    {
        var output = await handler(call, cancellationToken).ConfigureAwait(false);
        await SendFunctionCallOutputAsync(call.CallId, output ?? string.Empty, cancellationToken).ConfigureAwait(false);
    }
}
