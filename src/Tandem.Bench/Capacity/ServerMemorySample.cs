namespace Tandem.Bench.Capacity;

/// <summary>One reading of the server process's memory; a field the mode cannot see is <see langword="null"/>.</summary>
public sealed class ServerMemorySample
{
    /// <summary>Managed heap after a full collection (in-process mode only: it includes the client's objects).</summary>
    public long? GcHeapBytes { get; set; }

    /// <summary>Memory the GC has committed (in-process mode only).</summary>
    public long? GcCommittedBytes { get; set; }

    /// <summary>Resident set (<c>VmRSS</c> of <c>/proc/PID/status</c>), the process working set.</summary>
    public long? WorkingSetBytes { get; set; }

    /// <summary>Resident anonymous memory (<c>RssAnon</c>): heaps and stacks, without mapped files.</summary>
    public long? AnonymousBytes { get; set; }

    /// <summary>OS threads of the process.</summary>
    public int? Threads { get; set; }

    /// <summary>Open file descriptors (sockets included).</summary>
    public int? FileDescriptors { get; set; }
}
