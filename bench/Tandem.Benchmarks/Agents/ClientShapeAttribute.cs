namespace Tandem.Benchmarks.Agents;

/// <summary>
/// How a benchmarked client reaches the server and schedules its tools: the summary columns use it
/// to divide each client's median by the right critical path and by the floor of its scheduling.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClientShapeAttribute(bool overHttp, ToolScheduling scheduling) : Attribute
{
    /// <summary>HTTP requests pay the profile's <c>http_request_overhead_ms</c>; WebSocket turns do not.</summary>
    public bool OverHttp { get; } = overHttp;

    public ToolScheduling Scheduling { get; } = scheduling;
}
