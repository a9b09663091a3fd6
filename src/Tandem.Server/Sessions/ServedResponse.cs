namespace Tandem.Server.Sessions;

/// <summary>
/// What the server did for one completed response, by its latency profile's schedule (milliseconds
/// after the request arrived): what the bench needs to compute the ideal wall time of a run — the
/// profile's unavoidable costs along the scenario's critical path — without measuring the server.
/// </summary>
/// <param name="Id">The response id.</param>
/// <param name="OverHttp">Served over HTTP (pays the profile's HTTP overhead) rather than WebSocket mode.</param>
/// <param name="LoadedItems">History items loaded from the store to continue the chain (0 on a connection-cache hit).</param>
/// <param name="InputTokens">All input tokens.</param>
/// <param name="CachedTokens">Input tokens the connection cache already held.</param>
/// <param name="OutputTokens">Output tokens, reasoning included.</param>
/// <param name="CompletedAtMs">When the response is complete by the schedule.</param>
/// <param name="Calls">Each function call with the time its <c>output_item.done</c> is due — when a client can start it.</param>
public sealed record ServedResponse(
    string Id,
    bool OverHttp,
    int LoadedItems,
    int InputTokens,
    int CachedTokens,
    int OutputTokens,
    double CompletedAtMs,
    IReadOnlyList<ServedCall> Calls);
