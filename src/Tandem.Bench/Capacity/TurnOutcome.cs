namespace Tandem.Bench.Capacity;

/// <summary>One turn as the client saw it.</summary>
internal readonly record struct TurnOutcome(bool Completed, long StartedAt, long EndedAt, int Frames, long BytesReceived, string? Error);
