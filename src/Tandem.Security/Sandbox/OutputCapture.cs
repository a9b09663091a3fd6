using System.Globalization;
using System.Text;

namespace Tandem.Security.Sandbox;

/// <summary>
/// Reads one output pipe to its end, keeping at most the limit. The first byte beyond it calls the overflow action
/// (the runner kills the process); reading continues, discarding, so the writer is never blocked on a full pipe while
/// the kill lands and the pipe drains to EOF.
/// </summary>
internal sealed class OutputCapture(Stream stream, int limit, Action overflow)
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _kept = new();
    private bool _truncated;

    public bool Truncated
    {
        get
        {
            lock (_gate)
            {
                return _truncated;
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                var overflowed = false;
                lock (_gate)
                {
                    if (!_truncated)
                    {
                        var keep = (int)Math.Min(read, limit - _kept.Length);
                        _kept.Write(buffer, 0, keep);
                        overflowed = _truncated = keep < read;
                    }
                }

                if (overflowed)
                {
                    overflow();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Abandoned: something outside our reach holds the pipe open. What was kept stays.
        }
        catch (IOException)
        {
            // The pipe broke; keep what arrived.
        }
        catch (ObjectDisposedException)
        {
            // Disposed with the process after the reader was abandoned.
        }
    }

    /// <summary>What was kept, as UTF-8 (a character cut at the limit becomes U+FFFD), with a marker when truncated.</summary>
    public string GetText()
    {
        lock (_gate)
        {
            var text = Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
            return _truncated
                ? text + string.Create(CultureInfo.InvariantCulture, $"\n[sandbox: output truncated at {limit} bytes]")
                : text;
        }
    }
}
