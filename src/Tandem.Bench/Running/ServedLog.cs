using System.Collections.Concurrent;
using Tandem.Server.Sessions;

namespace Tandem.Bench.Running;

/// <summary>What the embedded server reports of each response it served, by id (for ideal wall times).</summary>
public sealed class ServedLog
{
    private readonly ConcurrentDictionary<string, ServedResponse> _served = new(StringComparer.Ordinal);

    public void Add(ServedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _served[response.Id] = response;
    }

    public bool TryGet(string responseId, out ServedResponse response) => _served.TryGetValue(responseId, out response!);

    public void Clear() => _served.Clear();
}
