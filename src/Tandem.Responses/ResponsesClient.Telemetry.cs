using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tandem.Responses.Diagnostics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Transport;

namespace Tandem.Responses;

/// <summary>The <c>chat</c> span and metrics of a call (OpenTelemetry GenAI conventions), and log lines.</summary>
public sealed partial class ResponsesClient
{
    private Activity? StartActivity(ResponseCreateRequest request, string? lane)
    {
        // Without a listener there is no activity: skip building its name, a string per turn.
        var activity = ResponsesDiagnostics.ActivitySource.HasListeners()
            ? ResponsesDiagnostics.ActivitySource.StartActivity($"chat {request.Model}", ActivityKind.Client)
            : null;
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", "chat");
        activity.SetTag("gen_ai.system", "openai");
        activity.SetTag("gen_ai.request.model", request.Model);
        activity.SetTag("server.address", _options.BaseUrl.Host);
        activity.SetTag("server.port", _options.BaseUrl.Port);
        activity.SetTag("tandem.transport", _transport.Kind == ResponsesTransportKind.WebSocket ? "websocket" : "http");
        if (lane is not null)
        {
            activity.SetTag("tandem.lane", lane);
        }

        if (request.PreviousResponseId is not null)
        {
            activity.SetTag("tandem.previous_response_id", request.PreviousResponseId);
        }

        return activity;
    }

    private void Record(Activity? activity, ResponseCreateRequest request, ResponseObject? final, long started)
    {
        var transport = ResponsesDiagnostics.Transport(_transport.Kind);
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", request.Model);
        var operation = new KeyValuePair<string, object?>("gen_ai.operation.name", "chat");
        ResponsesDiagnostics.OperationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, operation, model, transport);
        if (final?.Usage is { } usage)
        {
            ResponsesDiagnostics.TokenUsage.Record(usage.InputTokens, operation, model, new("gen_ai.token.type", "input"));
            ResponsesDiagnostics.TokenUsage.Record(usage.OutputTokens, operation, model, new("gen_ai.token.type", "output"));
        }

        if (activity is null || final is null)
        {
            return;
        }

        activity.SetTag("gen_ai.response.id", final.Id);
        activity.SetTag("gen_ai.response.model", final.Model);
        activity.SetTag("gen_ai.response.finish_reasons", new[] { final.Status });
        if (final.Usage is { } u)
        {
            activity.SetTag("gen_ai.usage.input_tokens", u.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", u.OutputTokens);
            activity.SetTag("gen_ai.usage.cached_tokens", u.InputTokensDetails.CachedTokens);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "retry {Attempt} ({Reason}) in {DelayMs:0} ms: {Error}")]
        public static partial void Retrying(ILogger logger, int attempt, string reason, double delayMs, string error);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "WebSocket mode unavailable, continuing over HTTP+SSE: {Reason}")]
        public static partial void FellBackToHttp(ILogger logger, string reason);

        [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "chain on lane '{Lane}' replayed its full context ({Items} items): {Reason}")]
        public static partial void ChainReplayed(ILogger logger, string lane, int items, string reason);
    }

    /// <summary>Diagnostics (tests): events buffered for a lane and not yet read (0 over HTTP, which reads only on demand).</summary>
    internal int BufferedEvents(string? lane = null) => (_transport as WebSocketTransport)?.BufferedEvents(lane) ?? 0;

    /// <summary>
    /// Diagnostics (tests): whether the live WebSocket connection's stream had to send asynchronously
    /// (<see cref="ConnectionThreadStream.UsedAsyncWrite"/>); null without a connection on the transport's own stream.
    /// </summary>
    internal bool? WebSocketUsedAsyncWrite => (_transport as WebSocketTransport)?.LiveStream?.UsedAsyncWrite;

    /// <summary>Diagnostics (tests): waits of the live WebSocket connection that spun first (<see cref="ConnectionThreadStream.Spins"/>).</summary>
    internal int? WebSocketSpins => (_transport as WebSocketTransport)?.LiveStream?.Spins;

    /// <summary>Diagnostics (tests): the live WebSocket connection's own thread, when the transport made its stream.</summary>
    internal Thread? WebSocketThread => (_transport as WebSocketTransport)?.LiveStream?.Thread;

    internal void OnChainReplayed(string? lane, int items, string reason)
    {
        ResponsesDiagnostics.ChainReplays.Add(1, new KeyValuePair<string, object?>("tandem.replay.reason", reason));
        Log.ChainReplayed(_logger, lane ?? string.Empty, items, reason);
    }
}
