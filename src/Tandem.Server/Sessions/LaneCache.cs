namespace Tandem.Server.Sessions;

/// <summary>
/// A WebSocket connection's cache: the most recent response of each lane. Lookups search every lane
/// of the connection, so a fork onto a new lane shares its parent. Dropped with the connection.
/// </summary>
internal sealed class LaneCache
{
    private readonly Dictionary<string, CachedResponse> _byLane = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Put(string lane, CachedResponse response)
    {
        lock (_gate)
        {
            _byLane[lane] = response;
        }
    }

    public CachedResponse? Find(string id)
    {
        lock (_gate)
        {
            foreach (var cached in _byLane.Values)
            {
                if (cached.Id == id)
                {
                    return cached;
                }
            }
        }

        return null;
    }

    /// <summary>Drops <paramref name="id"/> from <paramref name="lane"/> after a failed continuation.</summary>
    public void Evict(string lane, string id)
    {
        lock (_gate)
        {
            if (_byLane.TryGetValue(lane, out var cached) && cached.Id == id)
            {
                _byLane.Remove(lane);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byLane.Count;
            }
        }
    }
}
