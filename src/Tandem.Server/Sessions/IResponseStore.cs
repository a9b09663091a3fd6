namespace Tandem.Server.Sessions;

/// <summary>Persists <c>store:true</c> responses, scoped to the key that created them.</summary>
public interface IResponseStore
{
    ValueTask SaveAsync(StoredResponse response, CancellationToken cancellationToken);

    /// <summary>The response, or <see langword="null"/> when unknown, deleted, or owned by another key.</summary>
    ValueTask<StoredResponse?> GetAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>True when the response existed for this owner and is now gone.</summary>
    ValueTask<bool> DeleteAsync(string id, string owner, CancellationToken cancellationToken);
}
