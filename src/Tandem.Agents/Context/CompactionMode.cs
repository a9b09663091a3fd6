namespace Tandem.Agents.Context;

/// <summary>How a run keeps its context under the model's window.</summary>
public enum CompactionMode
{
    /// <summary>Never compact; a run that outgrows the window fails with <c>context_length_exceeded</c>.</summary>
    Off,

    /// <summary>Server-side compaction (<c>context_management</c>); client-side when the server refuses the parameter.</summary>
    Auto,

    /// <summary>Server-side compaction only.</summary>
    Server,

    /// <summary>Client-side summarise-and-restart only.</summary>
    Client,
}
