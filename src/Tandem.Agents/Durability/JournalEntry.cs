namespace Tandem.Agents.Durability;

/// <summary>One durable record of a run, in order (<see cref="Sequence"/> starts at 0 and has no gaps).</summary>
public sealed record JournalEntry(string RunId, long Sequence, JournalEntryKind Kind, string Payload, DateTimeOffset At);
