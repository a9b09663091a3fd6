using System.Collections.Concurrent;

namespace Tandem.Server.Sessions;

/// <summary>The default store: a concurrent dictionary, gone when the process ends.</summary>
internal sealed class InMemoryResponseStore : IResponseStore
{
    private readonly ConcurrentDictionary<string, StoredResponse> _responses = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(StoredResponse response, CancellationToken cancellationToken)
    {
        _responses[response.Id] = response;
        return ValueTask.CompletedTask;
    }

    public ValueTask<StoredResponse?> GetAsync(string id, string owner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_responses.TryGetValue(id, out var r) && r.Owner == owner ? r : null);

    public ValueTask<bool> DeleteAsync(string id, string owner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_responses.TryGetValue(id, out var r) && r.Owner == owner && _responses.TryRemove(id, out _));
}
