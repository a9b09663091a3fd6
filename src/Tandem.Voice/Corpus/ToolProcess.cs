using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Tandem.Voice.Corpus;

/// <summary>
/// Runs a speech tool without a shell: arguments go through <see cref="ProcessStartInfo.ArgumentList"/> and text
/// through stdin or an argument the tool treats as data, so nothing in a sample's text is ever interpreted.
/// </summary>
internal static class ToolProcess
{
    // A synthesis or sox step on a few seconds of audio takes tens of milliseconds; a minute means a hung tool.
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ToolResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        byte[]? standardInput,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start {executable}: {ex.Message}", ex);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var stdout = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
        var readErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var writeIn = WriteInputAsync(process, standardInput);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(executable)} did not finish within {timeout.TotalSeconds:0} s and was killed.");
        }

        await Task.WhenAll(readOut, readErr, writeIn).ConfigureAwait(false);
        return new ToolResult(process.ExitCode, stdout.ToArray(), await readErr.ConfigureAwait(false));
    }

    /// <summary>Runs the tool and throws, naming it and its stderr, unless it exits with 0.</summary>
    public static async Task<ToolResult> RunCheckedAsync(
        string executable,
        IReadOnlyList<string> arguments,
        byte[]? standardInput,
        CancellationToken cancellationToken)
    {
        var result = await RunAsync(executable, arguments, standardInput, DefaultTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var error = result.StandardError.Trim();
            throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} {string.Join(' ', arguments)} exited with {result.ExitCode}"
                + (error.Length > 0 ? ": " + error : "."));
        }

        return result;
    }

    private static async Task WriteInputAsync(Process process, byte[]? input)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input).ConfigureAwait(false);
                await process.StandardInput.BaseStream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The tool exited without reading all of it; its exit code tells the rest.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Same: the pipe is already gone.
            }
        }
    }
}
