namespace Tandem.Bench.Clients;

/// <summary>What a raw runner acts on: which event it is.</summary>
internal enum RawEventKind
{
    Other,
    OutputItemAdded,
    TextDelta,
    OutputItemDone,
    TextDone,
    Completed,
    Failed,
}
