using System.Net.WebSockets;

namespace Tandem.Voice.Realtime;

/// <summary>
/// Settings of a <see cref="RealtimeClient"/>: where (<see cref="BaseUrl"/>, default OpenAI's
/// <c>wss://api.openai.com/v1/realtime</c>; a local server is <c>ws://127.0.0.1:port/v1/realtime</c>),
/// which model, the key, keep-alive, the session cap, buffering and test hooks.
/// </summary>
public sealed class RealtimeClientOptions
{
    public const string DefaultModel = "gpt-realtime-1.5";

    public static Uri DefaultBaseUrl { get; } = new("wss://api.openai.com/v1/realtime");

    /// <summary>The Realtime endpoint; <c>?model=</c> is added.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The model (<c>gpt-realtime-1.5</c>, <c>gpt-realtime-2</c>, <c>gpt-realtime-2.1</c>, …): the protocol is the same for all.</summary>
    public string Model { get; set; } = DefaultModel;

    /// <summary>Sent as <c>Authorization: Bearer</c>; never written to exceptions, logs or <see cref="ToString"/>. Null sends no header (a local server without auth).</summary>
    public string? ApiKey { get; set; }

    /// <summary>WebSocket ping interval (the Realtime protocol has no ping event of its own).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a ping may go unanswered before the connection is dropped. Pongs are read by the
    /// receive loop, which waits while the event buffer is full: a reader stalled for longer than
    /// this (with <see cref="ReceiveCapacity"/> events waiting) loses the connection.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a session lives (OpenAI: 60 minutes). <see cref="Timeout.InfiniteTimeSpan"/> turns the clock off.</summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long before <see cref="MaxSessionDuration"/> the <c>tandem.session.expiring</c> event comes.</summary>
    public TimeSpan SessionExpiryWarning { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Server events buffered for the reader; when full, receiving waits (back-pressure).</summary>
    public int ReceiveCapacity { get; set; } = 1024;

    /// <summary>Server messages above this size are reported as malformed and skipped.</summary>
    public int MaxIncomingMessageBytes { get; set; } = 32 * 1024 * 1024;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Tests and proxies: the handler the WebSocket handshake goes through.</summary>
    public HttpMessageInvoker? HttpMessageInvoker { get; set; }

    /// <summary>Tests and special set-ups: adjusts the socket's options after the client has set its own.</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>The endpoint, model and whether a key is set — never the key.</summary>
    public override string ToString() => $"Realtime {BaseUrl} model {Model} ({(string.IsNullOrEmpty(ApiKey) ? "no key" : "key set")})";

    /// <summary>The URL connected to: <see cref="BaseUrl"/> with <c>model</c> in its query.</summary>
    internal Uri ConnectUri()
    {
        var builder = new UriBuilder(BaseUrl);
        var model = "model=" + Uri.EscapeDataString(Model);
        var query = builder.Query.TrimStart('?');
        builder.Query = query.Length == 0 ? model : query + "&" + model;
        return builder.Uri;
    }

    internal void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeWss && BaseUrl.Scheme != Uri.UriSchemeWs))
        {
            throw new ArgumentException($"RealtimeClientOptions.BaseUrl must be an absolute ws:// or wss:// URL, e.g. {DefaultBaseUrl} (got '{BaseUrl}').", nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("RealtimeClientOptions.Model is required, e.g. gpt-realtime-1.5.", nameof(Model));
        }

        RequirePositive(KeepAliveInterval, nameof(KeepAliveInterval), allowZero: true);
        RequirePositive(KeepAliveTimeout, nameof(KeepAliveTimeout), allowZero: true);
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout), allowZero: false);
        RequirePositive(MaxSessionDuration, nameof(MaxSessionDuration), allowZero: false);
        RequirePositive(SessionExpiryWarning, nameof(SessionExpiryWarning), allowZero: true);
        if (ReceiveCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiveCapacity), ReceiveCapacity, "RealtimeClientOptions.ReceiveCapacity must be at least 1.");
        }

        if (MaxIncomingMessageBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIncomingMessageBytes), MaxIncomingMessageBytes, "RealtimeClientOptions.MaxIncomingMessageBytes must be at least 1024.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    private static void RequirePositive(TimeSpan value, string name, bool allowZero)
    {
        if (value == Timeout.InfiniteTimeSpan || value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero))
        {
            return;
        }

        throw new ArgumentOutOfRangeException(name, value, $"RealtimeClientOptions.{name} must be positive (or Timeout.InfiniteTimeSpan).");
    }
}
