using System.Threading.Tasks.Sources;

namespace Tandem.Responses.Transport;

/// <summary>
/// One reusable wait at a time (no allocation per wait): <see cref="Arm"/> hands out a
/// <see cref="ValueTask{Boolean}"/> that the first of <see cref="TrySetResult"/> or the token's
/// cancellation completes; a later attempt is ignored.
/// </summary>
internal sealed class AsyncWaiter : IValueTaskSource<bool>
{
    // _state: 0 until the first wait, then Armed → Completing → Completed for each wait.
    private const int Armed = 1;
    private const int Completing = 2;
    private const int Completed = 3;

    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _armedWith;
    private int _state;
    private int _completingThread;

    public AsyncWaiter(bool runContinuationsAsynchronously) => _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;

    /// <summary>
    /// True while another thread is still inside <see cref="TrySetResult"/> of the previous wait, running
    /// its continuation inline: <see cref="Arm"/> would wait for that thread to leave, for as long as
    /// that continuation holds it.
    /// </summary>
    public bool CompletingElsewhere =>
        Volatile.Read(ref _state) == Completing && Volatile.Read(ref _completingThread) != Environment.CurrentManagedThreadId;

    /// <summary>Starts a wait. The caller must not arm again before the previous wait's result was taken.</summary>
    public ValueTask<bool> Arm(CancellationToken cancellationToken)
    {
        // A waiter that saw its result before the completing thread left SetResult (it polled instead
        // of registering a continuation) must not reset the core under that thread: SetResult would
        // then mark the next wait as having a continuation. The completing thread itself (running an
        // inline continuation that arms again) is past that point already.
        if (Volatile.Read(ref _state) == Completing && Volatile.Read(ref _completingThread) != Environment.CurrentManagedThreadId)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _state) == Completing)
            {
                spin.SpinOnce();
            }
        }

        // Waits out a cancellation callback of the previous wait that is still running on another
        // thread: once this wait is armed, that callback must not find it.
        _cancellation.Dispose();
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
        if (Interlocked.CompareExchange(ref _state, Completing, Armed) != Armed)
        {
            return false;
        }

        Volatile.Write(ref _completingThread, Environment.CurrentManagedThreadId);
        _cancellation.Unregister(); // not Dispose: it would wait for a callback running on another thread
        _core.SetResult(result);
        Interlocked.CompareExchange(ref _state, Completed, Completing); // not over a wait an inline continuation armed meanwhile
        return true;
    }

    private void TrySetCanceled(CancellationToken token)
    {
        // Arm waits out a callback still running from the previous wait; the token check is a second
        // guard for a wait armed on the same thread as that callback.
        if (token == _armedWith && Interlocked.CompareExchange(ref _state, Completing, Armed) == Armed)
        {
            Volatile.Write(ref _completingThread, Environment.CurrentManagedThreadId);
            _core.SetException(new OperationCanceledException(token));
            Interlocked.CompareExchange(ref _state, Completed, Completing);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
