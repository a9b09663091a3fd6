using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Tandem.Agents.Durability;
using Tandem.Agents.Tools;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Execution;

/// <summary>
/// Runs tool calls the moment they are dispatched (the runner does so on each call's
/// <c>output_item.done</c>, before the response ends), on a fixed pool of workers fed by a bounded
/// queue: at most <see cref="ToolDispatcherOptions.MaxConcurrency"/> calls run, a full queue makes
/// the dispatcher wait, nothing is dropped. Each call is validated against its schema first, bounded
/// per tool and by its timeout, and — with an idempotency store — never runs twice: a repeat gets
/// the stored result, a concurrent repeat waits for the first, different arguments are refused.
/// </summary>
public sealed class ToolDispatcher : IAsyncDisposable
{
    private readonly ToolRegistry _tools;
    private readonly ToolDispatcherOptions _options;
    private readonly IIdempotencyStore? _store;
    private readonly TimeProvider _time;
    private readonly Channel<WorkItem> _queue;
    private readonly Task[] _workers;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perTool = new(StringComparer.Ordinal);
    private static readonly TimeSpan StaleClaimGrace = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _shutdown = new();
    private int _running;
    private int _peak;

    public ToolDispatcher(ToolRegistry tools, ToolDispatcherOptions? options = null, IIdempotencyStore? store = null, TimeProvider? time = null)
    {
        _tools = tools;
        _options = options ?? new ToolDispatcherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        _store = store;
        _time = time ?? TimeProvider.System;
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _workers = Enumerable.Range(0, _options.MaxConcurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Calls running right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most calls that ever ran at once.</summary>
    public int PeakConcurrency => Volatile.Read(ref _peak);

    /// <summary>Queues a call; completes once it is queued (waiting while the queue is full). The returned task completes with the outcome.</summary>
    public async ValueTask<Task<ToolOutcome>> DispatchAsync(string runId, FunctionCallItem call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var completion = new TaskCompletionSource<ToolOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new WorkItem(runId, call, completion, cancellationToken), cancellationToken).ConfigureAwait(false);
        return completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _shutdown.Dispose();
    }

    /// <summary>The idempotency key of a call: SHA-256 of run id and call id.</summary>
    public static string IdempotencyKey(string runId, string callId) => Hash(runId + "\n" + callId);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task WorkAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(_shutdown.Token).ConfigureAwait(false))
        {
            try
            {
                item.Completion.TrySetResult(await ExecuteAsync(item).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (item.CancellationToken.IsCancellationRequested)
            {
                item.Completion.TrySetCanceled(item.CancellationToken);
            }
            catch (Exception ex)
            {
                item.Completion.TrySetException(ex);
            }
        }
    }

    private async Task<ToolOutcome> ExecuteAsync(WorkItem item)
    {
        var call = item.Call;
        var now = _time.GetUtcNow();
        if (!_tools.TryGet(call.Name, out var tool))
        {
            var names = string.Join(", ", _tools.Tools.Select(t => t.Definition.Name).Order(StringComparer.Ordinal));
            return new ToolOutcome(call.CallId, call.Name, ToolResult.Error($"Unknown tool '{call.Name}'. Available tools: {names}."), now, now, Ran: false, FromStore: false);
        }

        if (!_tools.ValidatorFor(call.Name).TryValidate(call.Arguments, out var parsed, out var invalid))
        {
            // S3: the body never runs on arguments outside its contract; the model gets the reason.
            return new ToolOutcome(call.CallId, call.Name, ToolResult.Error(invalid!), now, now, Ran: false, FromStore: false);
        }

        var toolCall = new ToolCall(item.RunId, call.CallId, call.Name, call.Arguments, parsed);
        if (_store is null)
        {
            return await RunAsync(tool, toolCall, item.CancellationToken).ConfigureAwait(false);
        }

        var key = IdempotencyKey(item.RunId, call.CallId);
        var argumentsHash = Hash(call.Arguments);
        var definition = tool.Definition;
        while (true)
        {
            var (claimed, record) = await _store.TryClaimAsync(key, argumentsHash, item.CancellationToken).ConfigureAwait(false);
            if (claimed)
            {
                break;
            }

            if (record.ArgumentsHash != argumentsHash)
            {
                return new ToolOutcome(call.CallId, call.Name,
                    ToolResult.Error($"Refused: call {call.CallId} was already made with different arguments; a call id cannot be reused."), now, now, Ran: false, FromStore: true);
            }

            if (record.Status == IdempotencyStatus.Completed)
            {
                return new ToolOutcome(call.CallId, call.Name, new ToolResult(record.Result ?? string.Empty, record.IsError), now, _time.GetUtcNow(), Ran: false, FromStore: true);
            }

            // Running. No execution outlives its timeout, so an older claim belongs to a process that
            // died mid-call: a replay-safe tool simply runs again; for any other, whether the effect
            // happened is unknown, and running it again could do it twice.
            if (_time.GetUtcNow() - record.UpdatedAt > definition.Timeout + StaleClaimGrace)
            {
                if (definition.ReplaySafe)
                {
                    await _store.ReleaseAsync(key, item.CancellationToken).ConfigureAwait(false);
                    continue;
                }

                return new ToolOutcome(call.CallId, call.Name,
                    ToolResult.Error($"The outcome of call {call.CallId} ({call.Name}) is unknown: an earlier execution was interrupted, and the tool is not replay-safe, so it was not run again."),
                    now, _time.GetUtcNow(), Ran: false, FromStore: true);
            }

            // A concurrent duplicate: wait for the first execution's result.
            await Task.Delay(_options.DuplicatePollInterval, _time, item.CancellationToken).ConfigureAwait(false);
        }

        ToolOutcome outcome;
        try
        {
            outcome = await RunAsync(tool, toolCall, item.CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // The result is durable before anyone (the model included) sees it.
        await _store.CompleteAsync(key, outcome.Result.Output, outcome.Result.IsError, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private async Task<ToolOutcome> RunAsync(ITool tool, ToolCall call, CancellationToken cancellationToken)
    {
        var definition = tool.Definition;
        var gate = _perTool.GetOrAdd(definition.Name, _ => new SemaphoreSlim(Math.Min(definition.MaxConcurrency, 1_000_000)));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetUtcNow();
        var running = Interlocked.Increment(ref _running);
        UpdatePeak(running);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(definition.Timeout);
            ToolResult result;
            try
            {
                result = await tool.InvokeAsync(call, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                result = ToolResult.Error($"The tool '{definition.Name}' timed out after {definition.Timeout.TotalSeconds:0.###} s.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = ToolResult.Error($"The tool '{definition.Name}' failed: {ex.Message}");
            }

            return new ToolOutcome(call.CallId, call.Name, result, started, _time.GetUtcNow(), Ran: true, FromStore: false);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            gate.Release();
        }
    }

    private void UpdatePeak(int running)
    {
        var peak = Volatile.Read(ref _peak);
        while (running > peak && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
            peak = Volatile.Read(ref _peak);
        }
    }

    private sealed record WorkItem(string RunId, FunctionCallItem Call, TaskCompletionSource<ToolOutcome> Completion, CancellationToken CancellationToken);
}
