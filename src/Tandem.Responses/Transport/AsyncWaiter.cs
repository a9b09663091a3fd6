using System.Threading.Tasks.Sources;

namespace Tandem.Responses.Transport;

/// <summary>
/// One reusable wait at a time (no allocation per wait): <see cref="Arm"/> hands out a
/// <see cref="ValueTask{Boolean}"/> that the first of <see cref="TrySetResult"/> or the token's
/// cancellation completes; a later attempt is ignored.
/// </summary>
internal sealed class AsyncWaiter : IValueTaskSource<bool>
{
    private const int Idle = 0;
    private const int Armed = 1;
    private const int Completed = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _armedWith;
    private int _state;

    public AsyncWaiter(bool runContinuationsAsynchronously) => _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;

    /// <summary>Starts a wait. The caller must not arm again before the previous wait's result was taken.</summary>
    public ValueTask<bool> Arm(CancellationToken cancellationToken)
    {
        _core.Reset();
        _armedWith = cancellationToken;
        Volatile.Write(ref _state, Armed);
        if (cancellationToken.CanBeCanceled)
        {
            // Registered after arming: a token cancelled meanwhile completes the wait at once.
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((AsyncWaiter)state!).TrySetCanceled(token), this);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    public bool TrySetResult(bool result)
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Armed) != Armed)
        {
            return false;
        }

        _cancellation.Unregister(); // not Dispose: it would wait for a callback running on another thread
        _core.SetResult(result);
        return true;
    }

    private void TrySetCanceled(CancellationToken token)
    {
        // A callback that was already running when its wait completed otherwise may come late, after
        // a new wait was armed: it cancels that one only if it waits on the same (cancelled) token.
        if (token == _armedWith && Interlocked.CompareExchange(ref _state, Completed, Armed) == Armed)
        {
            _core.SetException(new OperationCanceledException(token));
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
