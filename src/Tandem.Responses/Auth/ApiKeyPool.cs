using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tandem.Responses.Auth;

/// <summary>
/// The client's keys. A 401 is retried once on the same key (transient 401s are reported in the
/// wild); a second marks the key unhealthy, fails over to the next healthy key and raises
/// <see cref="Alert"/>. Unhealthy keys are probed in the background (<c>GET /v1/models</c>) and
/// restored when they work again. Keys can be added and retired while requests run. A key is only
/// ever shown as its fingerprint (<see cref="Fingerprint"/>): in alerts, logs, exceptions and spans.
/// </summary>
public sealed partial class ApiKeyPool : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, CancellationToken, Task<bool>>? _probe;
    private readonly ITimer? _probeTimer;
    private int _next;
    private int _probing;

    internal ApiKeyPool(IEnumerable<string> keys, TimeProvider time, TimeSpan probeInterval, Func<string, CancellationToken, Task<bool>>? probe, ILogger? logger)
    {
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _probe = probe;
        foreach (var key in keys)
        {
            AddCore(key, raise: false);
        }

        if (probe is not null && probeInterval > TimeSpan.Zero)
        {
            _probeTimer = time.CreateTimer(_ => _ = ProbeUnhealthyAsync(CancellationToken.None), null, probeInterval, probeInterval);
        }
    }

    /// <summary>Raised when a key is marked unhealthy, restored, added or retired, or when none is healthy.</summary>
    public event EventHandler<ApiKeyAlert>? Alert;

    /// <summary>Every key's state.</summary>
    public IReadOnlyList<ApiKeyStatus> Keys
    {
        get
        {
            lock (_gate)
            {
                return _entries.Select(e => new ApiKeyStatus(e.Id, e.Healthy, e.Unauthorized, e.UnhealthySince)).ToList();
            }
        }
    }

    /// <summary>The fingerprint of a key: <c>key_</c> and 8 hex digits of its SHA-256.</summary>
    public static string Fingerprint(string key) => "key_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];

    /// <summary>Adds a key (rotation without downtime); returns its fingerprint.</summary>
    public string Add(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return AddCore(key, raise: true);
    }

    /// <summary>Retires a key by value or fingerprint; requests already using it finish.</summary>
    public bool Retire(string keyOrFingerprint)
    {
        Entry? removed;
        lock (_gate)
        {
            removed = _entries.FirstOrDefault(e => e.Id == keyOrFingerprint || e.Value == keyOrFingerprint);
            if (removed is null)
            {
                return false;
            }

            _entries.Remove(removed);
        }

        Raise(removed.Id, ApiKeyAlertKind.Retired, $"Key {removed.Id} retired.");
        return true;
    }

    /// <summary>Replaces every occurrence of a pooled key in <paramref name="text"/> by its fingerprint.</summary>
    public string Scrub(string text)
    {
        lock (_gate)
        {
            foreach (var e in _entries)
            {
                if (text.Contains(e.Value, StringComparison.Ordinal))
                {
                    text = text.Replace(e.Value, e.Id, StringComparison.Ordinal);
                }
            }
        }

        return text;
    }

    /// <summary>Probes every unhealthy key now (also runs on a timer).</summary>
    public async Task ProbeUnhealthyAsync(CancellationToken cancellationToken)
    {
        if (_probe is null || Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            List<Entry> unhealthy;
            lock (_gate)
            {
                unhealthy = _entries.Where(e => !e.Healthy).ToList();
            }

            foreach (var entry in unhealthy)
            {
                bool ok;
                try
                {
                    ok = await _probe(entry.Value, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
                {
                    ok = false;
                }

                if (ok)
                {
                    lock (_gate)
                    {
                        entry.Healthy = true;
                        entry.Unauthorized = 0;
                        entry.UnhealthySince = null;
                    }

                    Raise(entry.Id, ApiKeyAlertKind.Restored, $"Key {entry.Id} works again and is back in rotation.");
                }
            }
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    /// <summary>The key the next request should use: healthy keys in turn (sticky until one fails).</summary>
    internal ApiKeyLease Current()
    {
        lock (_gate)
        {
            if (_entries.Count == 0)
            {
                throw new ResponsesException(401, "The key pool is empty: add a key.", "invalid_request_error", "no_api_key");
            }

            for (var i = 0; i < _entries.Count; i++)
            {
                var e = _entries[(_next + i) % _entries.Count];
                if (e.Healthy)
                {
                    _next = (_next + i) % _entries.Count;
                    return new ApiKeyLease(e.Id, e.Value);
                }
            }
        }

        throw new ResponsesException(401, "No healthy API key: every key in the pool was refused. Add a key or wait for a probe to restore one.", "invalid_request_error", "no_healthy_api_key");
    }

    internal void ReportSuccess(ApiKeyLease lease)
    {
        lock (_gate)
        {
            if (Find(lease) is { Unauthorized: > 0 } e)
            {
                e.Unauthorized = 0;
            }
        }
    }

    internal UnauthorizedDecision ReportUnauthorized(ApiKeyLease lease)
    {
        Entry? entry;
        bool anyHealthy;
        lock (_gate)
        {
            entry = Find(lease);
            if (entry is null || !entry.Healthy)
            {
                // Retired, or already failed over by a concurrent request.
                return _entries.Any(e => e.Healthy) ? UnauthorizedDecision.RetryNextKey : UnauthorizedDecision.Fail;
            }

            entry.Unauthorized++;
            if (entry.Unauthorized == 1)
            {
                return UnauthorizedDecision.RetrySameKey;
            }

            entry.Healthy = false;
            entry.UnhealthySince = _time.GetUtcNow();
            anyHealthy = _entries.Any(e => e.Healthy);
        }

        Raise(entry.Id, ApiKeyAlertKind.MarkedUnhealthy, $"Key {entry.Id} was refused twice (401) and is out of rotation.");
        if (!anyHealthy)
        {
            Raise(entry.Id, ApiKeyAlertKind.NoHealthyKeys, "Every key in the pool is unhealthy.");
            return UnauthorizedDecision.Fail;
        }

        return UnauthorizedDecision.RetryNextKey;
    }

    public ValueTask DisposeAsync() => _probeTimer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private Entry? Find(ApiKeyLease lease) => _entries.FirstOrDefault(e => e.Id == lease.KeyId && e.Value == lease.Value);

    private string AddCore(string key, bool raise)
    {
        var id = Fingerprint(key);
        lock (_gate)
        {
            if (_entries.Any(e => e.Value == key))
            {
                return id;
            }

            _entries.Add(new Entry(id, key));
        }

        if (raise)
        {
            Raise(id, ApiKeyAlertKind.Added, $"Key {id} added.");
        }

        return id;
    }

    private void Raise(string id, ApiKeyAlertKind kind, string message)
    {
        Log.KeyAlert(_logger, kind, id, message);
        Alert?.Invoke(this, new ApiKeyAlert(id, kind, message, _time.GetUtcNow()));
    }

    private sealed class Entry(string id, string value)
    {
        public string Id { get; } = id;

        public string Value { get; } = value;

        public bool Healthy { get; set; } = true;

        public int Unauthorized { get; set; }

        public DateTimeOffset? UnhealthySince { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "api key {Kind}: {KeyId}: {Detail}")]
        public static partial void KeyAlert(ILogger logger, ApiKeyAlertKind kind, string keyId, string detail);
    }
}
