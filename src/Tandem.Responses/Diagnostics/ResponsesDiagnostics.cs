using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tandem.Responses.Diagnostics;

/// <summary>
/// The client's telemetry, named after OpenTelemetry's GenAI conventions: a <c>chat</c> span per
/// turn, operation-duration and token-usage histograms, and Tandem's own counters (bytes per
/// transport, reconnects, chain replays, retries). Listen with the source/meter name
/// <see cref="Name"/>. Keys never appear: spans carry key fingerprints at most.
/// </summary>
internal static class ResponsesDiagnostics
{
    public const string Name = "Tandem.Responses";

    public static readonly ActivitySource ActivitySource = new(Name, "1.0.0");

    public static readonly Meter Meter = new(Name, "1.0.0");

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of one Responses API call, request to terminal event.");

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per call, by gen_ai.token.type (input, output).");

    public static readonly Histogram<double> TimeToFirstToken = Meter.CreateHistogram<double>(
        "tandem.client.time_to_first_token", "s", "Request sent to first output delta.");

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("tandem.client.bytes_sent", "By", "Request bytes written, by transport.");

    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("tandem.client.bytes_received", "By", "Event bytes read, by transport.");

    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("tandem.client.reconnects", "{reconnect}", "WebSocket connections re-opened after a loss.");

    public static readonly Counter<long> Rotations = Meter.CreateCounter<long>("tandem.client.rotations", "{rotation}", "WebSocket connections replaced before the server's age cap.");

    public static readonly Counter<long> ChainReplays = Meter.CreateCounter<long>("tandem.client.chain_replays", "{replay}", "Chains healed by replaying their full context.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("tandem.client.retries", "{retry}", "Calls retried, by reason.");

    public static readonly Counter<long> TransportFallbacks = Meter.CreateCounter<long>("tandem.client.transport_fallbacks", "{fallback}", "WebSocket mode refused (426): the client went on over HTTP.");

    public static KeyValuePair<string, object?> Transport(ResponsesTransportKind kind) =>
        new("tandem.transport", kind == ResponsesTransportKind.WebSocket ? "websocket" : "http");
}
