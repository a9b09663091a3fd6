namespace Tandem.Voice.Harness;

/// <summary>A fallback policy as a report names it.</summary>
public sealed record PolicyDescription(string Name, IReadOnlyList<string> Checks, IReadOnlyList<string> Ladder);
