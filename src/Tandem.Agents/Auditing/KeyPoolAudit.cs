using Tandem.Responses.Auth;
using Tandem.Security.Audit;

namespace Tandem.Agents.Auditing;

/// <summary>
/// Writes a key pool's alerts to the audit log (checklist: key failovers are audited): a key marked
/// unhealthy becomes a <c>key_failover</c> record naming the key it failed over from and the key now
/// in rotation — by fingerprint, never by value — and the pool's other changes (added, retired,
/// restored, no healthy key left) become <c>key_pool</c> records.
/// </summary>
public sealed class KeyPoolAudit : IAsyncDisposable
{
    private readonly ApiKeyPool _pool;
    private readonly AuditWriter _writer;
    private readonly Lock _gate = new();
    private Task _pending = Task.CompletedTask;

    private KeyPoolAudit(ApiKeyPool pool, AuditWriter writer)
    {
        _pool = pool;
        _writer = writer;
        _pool.Alert += OnAlert;
    }

    /// <summary>Starts writing <paramref name="pool"/>'s alerts to <paramref name="writer"/> until disposed.</summary>
    public static KeyPoolAudit Attach(ApiKeyPool pool, AuditWriter writer)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(writer);
        return new KeyPoolAudit(pool, writer);
    }

    /// <summary>Waits for the records of alerts raised so far.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _pending;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pool.Alert -= OnAlert;
        await FlushAsync().ConfigureAwait(false);
    }

    // Alerts are raised on the request path, synchronously: the record is written after, in order.
    private void OnAlert(object? sender, ApiKeyAlert alert)
    {
        lock (_gate)
        {
            _pending = _pending.ContinueWith(_ => WriteAsync(alert), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task WriteAsync(ApiKeyAlert alert)
    {
        if (alert.Kind == ApiKeyAlertKind.MarkedUnhealthy)
        {
            var next = _pool.Keys.FirstOrDefault(k => k.Healthy)?.KeyId ?? "none";
            await _writer.KeyFailoverAsync(alert.KeyId, next, alert.Message, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await _writer.WriteAsync(new AuditRecord
        {
            Event = "key_pool",
            Actor = "system",
            Decision = alert.Kind.ToString(),
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["key"] = alert.KeyId, ["message"] = alert.Message },
        }, CancellationToken.None).ConfigureAwait(false);
    }
}
