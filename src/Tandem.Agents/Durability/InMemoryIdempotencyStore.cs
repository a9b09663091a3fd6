namespace Tandem.Agents.Durability;

/// <summary>
/// The idempotency contract within one process (tests, single-process agents that need no crash
/// safety). Use the SQLite or PostgreSQL store when a run must survive the process.
/// </summary>
public sealed class InMemoryIdempotencyStore(TimeProvider? time = null) : IIdempotencyStore
{
    private readonly Dictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ValueTask<(bool Claimed, IdempotencyRecord Record)> TryClaimAsync(string key, string argumentsHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_records.TryGetValue(key, out var existing))
            {
                return ValueTask.FromResult((false, existing));
            }

            var record = new IdempotencyRecord(key, argumentsHash, IdempotencyStatus.Running, null, false, _time.GetUtcNow());
            _records[key] = record;
            return ValueTask.FromResult((true, record));
        }
    }

    public ValueTask CompleteAsync(string key, string result, bool isError, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _records.TryGetValue(key, out var r) ? r : throw new InvalidOperationException($"No claim for key {key}.");
            _records[key] = current with { Status = IdempotencyStatus.Completed, Result = result, IsError = isError, UpdatedAt = _time.GetUtcNow() };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_records.TryGetValue(key, out var r) && r.Status == IdempotencyStatus.Running)
            {
                _records.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_records.TryGetValue(key, out var r) ? r : null);
        }
    }
}
