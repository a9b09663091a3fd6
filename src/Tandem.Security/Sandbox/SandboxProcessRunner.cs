using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Tandem.Security.Sandbox;

/// <summary>
/// Starts a <see cref="LaunchPlan"/>, feeds stdin, captures bounded output, enforces the wall time, and always ends by
/// killing whatever is left of the process tree and draining the pipes. Shared by both isolation modes.
/// </summary>
internal sealed class SandboxProcessRunner(TimeProvider time, ILogger logger)
{
    // After the kill: how long exit and EOF may take before the readers are abandoned (an escaped process holding a pipe).
    private static readonly TimeSpan s_exitGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(2);

    public async Task<SandboxResult> RunAsync(
        LaunchPlan plan,
        SandboxLimits limits,
        string? standardInput,
        IsolationMode isolation,
        string description,
        List<string> diagnostics,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(plan.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = plan.WorkingDirectory,
        };
        foreach (var argument in plan.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in plan.Environment)
        {
            info.Environment[name] = value;
        }

        var started = time.GetTimestamp();
        using var process = await ProcessSpawner.StartAsync(info).ConfigureAwait(false);
        var pid = process.Id;

        // null = the caller cancelled; otherwise why the sandbox stops it.
        var stop = new TaskCompletionSource<SandboxKillReason?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = new OutputCapture(process.StandardOutput.BaseStream, limits.MaxOutputBytes, () => stop.TrySetResult(SandboxKillReason.OutputLimit));
        var stderr = new OutputCapture(process.StandardError.BaseStream, limits.MaxOutputBytes, () => stop.TrySetResult(SandboxKillReason.OutputLimit));
        using var abandon = new CancellationTokenSource();
        var readers = Task.WhenAll(
            stdout.RunAsync(abandon.Token),
            stderr.RunAsync(abandon.Token),
            WriteInputAsync(process, standardInput, abandon.Token));

        using var wallTime = new CancellationTokenSource(limits.WallTime, time);
        using var onWallTime = wallTime.Token.Register(() => stop.TrySetResult(SandboxKillReason.WallTimeLimit));
        using var onCancel = cancellationToken.Register(() => stop.TrySetResult(null));

        var exited = process.WaitForExitAsync(CancellationToken.None);
        var first = await Task.WhenAny(exited, stop.Task).ConfigureAwait(false);
        var stopping = first != exited;
        var reason = SandboxKillReason.None;
        var cancelled = false;
        if (stopping)
        {
            var why = await stop.Task.ConfigureAwait(false);
            cancelled = why is null;
            reason = why ?? SandboxKillReason.None;
        }

        // Always: when stopping, the whole tree; after a normal exit, whatever it left running in its session.
        var killed = await ProcessTreeKiller.KillAsync(process, plan.LeadsSession, killRoot: stopping).ConfigureAwait(false);
        if (stopping)
        {
            SandboxLog.Killed(logger, pid, plan.Executable, cancelled ? "cancelled" : reason.ToString(), killed.Count);
        }
        else if (killed.Count > 0)
        {
            SandboxLog.LeftoversKilled(logger, pid, plan.Executable, killed.Count);
            diagnostics.Add($"{killed.Count} process(es) left running after exit were killed");
        }

        var exitCode = -1;
        try
        {
            await exited.WaitAsync(s_exitGrace, CancellationToken.None).ConfigureAwait(false);
            exitCode = process.ExitCode;
        }
        catch (TimeoutException)
        {
            diagnostics.Add("the process did not exit after SIGKILL; exit code unknown");
        }

        try
        {
            await readers.WaitAsync(s_drainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            diagnostics.Add("an escaped process kept the output pipes open: reading was abandoned");
        }

        var duration = time.GetElapsedTime(started);
        if (cancelled)
        {
            // Only after the kill and the drain: a cancelled run leaves nothing behind either.
            throw new OperationCanceledException(cancellationToken);
        }

        return new SandboxResult
        {
            ExitCode = exitCode,
            StandardOutput = stdout.GetText(),
            StandardError = stderr.GetText(),
            StandardOutputTruncated = stdout.Truncated,
            StandardErrorTruncated = stderr.Truncated,
            KillReason = reason,
            Duration = duration,
            Isolation = isolation,
            IsolationDescription = description,
            ProcessId = pid,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>Writes stdin, then closes it: a child that reads stdin gets EOF, never this host's terminal or stream.</summary>
    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                var stream = process.StandardInput.BaseStream;
                await stream.WriteAsync(Encoding.UTF8.GetBytes(input), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The child exited (or was killed) without reading everything: EPIPE.
        }
        catch (OperationCanceledException)
        {
            // Abandoned with the readers.
        }
        catch (ObjectDisposedException)
        {
            // Disposed after being abandoned.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // EPIPE on close: same as above.
            }
        }
    }
}
