namespace Tandem.Agents.Durability;

/// <summary>
/// Runs a store's schema creation once, on first use, rather than in the constructor: creating a
/// store then stays free of I/O (the factory only validates the spec), and a failed attempt (database
/// not up yet) is retried by the next call instead of being cached.
/// </summary>
internal sealed class SchemaGate(Func<CancellationToken, Task> create)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _created;

    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await create(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
