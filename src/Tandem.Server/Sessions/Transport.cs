namespace Tandem.Server.Sessions;

/// <summary>How a request arrived; the latency profile charges HTTP's extra per-request cost.</summary>
internal enum Transport
{
    Http,
    WebSocket,
}
