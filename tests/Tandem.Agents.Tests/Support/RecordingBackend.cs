using System.Collections.Concurrent;
using Tandem.Server.Backends;

namespace Tandem.Agents.Tests.Support;

/// <summary>A server backend that records every request the "model" receives, then declines it (the next backend answers).</summary>
public sealed class RecordingBackend : IModelBackend
{
    public ConcurrentQueue<ModelRequest> Requests { get; } = new();

    public bool CanServe(ModelRequest request)
    {
        Requests.Enqueue(request);
        return false;
    }

    public ValueTask<ModelTurn> GenerateAsync(ModelRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
}
