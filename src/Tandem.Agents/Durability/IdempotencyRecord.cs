namespace Tandem.Agents.Durability;

/// <summary>One call's record: key = hash(run id, call id); the arguments' hash; status; the result once known.</summary>
public sealed record IdempotencyRecord(string Key, string ArgumentsHash, IdempotencyStatus Status, string? Result, bool IsError, DateTimeOffset UpdatedAt);
