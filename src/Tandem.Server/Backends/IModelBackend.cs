namespace Tandem.Server.Backends;

/// <summary>
/// Decides what the "model" answers. A backend returns complete output items; the server renders
/// them as a realistic stream (token-sized deltas, sequence numbers, usage, latency profile), so
/// every backend gets the exact wire behaviour for free.
/// </summary>
public interface IModelBackend
{
    /// <summary>True when this backend answers requests for <paramref name="model"/> (or <c>metadata.scenario</c>).</summary>
    bool CanServe(ModelRequest request);

    /// <summary>Produces the turn's output items, or throws <see cref="Sessions.ProtocolException"/> for a request it refuses.</summary>
    ValueTask<ModelTurn> GenerateAsync(ModelRequest request, CancellationToken cancellationToken);
}
