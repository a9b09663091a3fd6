namespace Tandem.Bench.Capacity;

/// <summary>The idle test: N WebSocket-mode connections opened, held idle, measured, closed.</summary>
public sealed class IdleConnectionResults
{
    public int Requested { get; set; }

    /// <summary>The connections the open-files limit left room for, when fewer than <see cref="Requested"/> (see the notes).</summary>
    public int? LimitedTo { get; set; }

    /// <summary>Connections open at the same time (the figure against the 10,000 target).</summary>
    public int Opened { get; set; }

    public int Failed { get; set; }

    /// <summary>Opening stopped after <see cref="CapacityOptions.MaxConnectFailures"/> failures.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>Distinct failure messages (a few), e.g. the descriptor limit.</summary>
    public List<string> FailureMessages { get; } = [];

    public double OpenSeconds { get; set; }

    public double OpensPerSecond => OpenSeconds > 0 ? Opened / OpenSeconds : 0;

    /// <summary>WebSocket sessions (in-process) or sockets beyond the baseline (child) the server held while idle.</summary>
    public int? ServerConnectionsSeen { get; set; }

    public ServerMemorySample? ServerBefore { get; set; }

    public ServerMemorySample? ServerIdle { get; set; }

    public ServerMemorySample? ServerAfterClose { get; set; }

    /// <summary>Server resident memory per idle connection (<c>VmRSS</c> growth / opened).</summary>
    public double? WorkingSetBytesPerConnection { get; set; }

    /// <summary>Server anonymous resident memory per idle connection (<c>RssAnon</c> growth / opened).</summary>
    public double? AnonymousBytesPerConnection { get; set; }

    /// <summary>Managed heap growth per connection (in-process only; client sockets included).</summary>
    public double? GcHeapBytesPerConnection { get; set; }

    /// <summary>The client's own managed heap per connection (its <c>ClientWebSocket</c>s), for reference.</summary>
    public double? ClientGcHeapBytesPerConnection { get; set; }

    public int Closed { get; set; }

    public int CloseFailed { get; set; }

    public double CloseSeconds { get; set; }

    /// <summary>The client process's open-files limit (soft, hard).</summary>
    public string? ClientFileLimit { get; set; }

    /// <summary>The child server's open-files limit (soft, hard).</summary>
    public string? ServerFileLimit { get; set; }
}
