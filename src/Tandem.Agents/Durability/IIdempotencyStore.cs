namespace Tandem.Agents.Durability;

/// <summary>
/// Never run a side effect twice (security checklist S14). <see cref="TryClaimAsync"/> is atomic:
/// exactly one caller claims a key; the others see the existing record. <see cref="CompleteAsync"/>
/// writes the result durably before the runtime acknowledges it to the model.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> for a new execution, or returns the record already there.</summary>
    ValueTask<(bool Claimed, IdempotencyRecord Record)> TryClaimAsync(string key, string argumentsHash, CancellationToken cancellationToken);

    ValueTask CompleteAsync(string key, string result, bool isError, CancellationToken cancellationToken);

    /// <summary>Drops a claim whose execution failed before it had any effect, so a later attempt may run.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);

    ValueTask<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken);
}
