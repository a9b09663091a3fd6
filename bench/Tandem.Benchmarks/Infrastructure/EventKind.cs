namespace Tandem.Benchmarks.Infrastructure;

/// <summary>All a raw client learns of an event: whether it ends the response, and how.</summary>
public enum EventKind
{
    Other,
    Completed,
    Failed,
}
