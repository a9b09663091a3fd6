namespace Tandem.Bench.Reports;

internal enum ChartKind
{
    /// <summary>Per scenario: median turn latency by turn index, one line per client.</summary>
    TurnLatency,

    /// <summary>Per scenario: median bytes sent by turn index, one line per client.</summary>
    BytesSent,

    /// <summary>Overall: measured and ideal median wall time per scenario and client.</summary>
    MeasuredVsIdeal,
}
