using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// One response being generated: its settings (the session's, overridden by <c>response.create</c>),
/// its context (the conversation, or the response's own <c>input</c>), what it has sent so far, and
/// how it may be stopped. Touched only under the session's gate, except <see cref="Cancel"/>'s token.
/// </summary>
internal sealed class ResponseRun : IDisposable
{
    public required RealtimeResponse Response { get; init; }

    /// <summary>False for <c>conversation: "none"</c>: no <c>conversation.item.*</c> events, the conversation untouched.</summary>
    public required bool InBand { get; init; }

    public required string Modality { get; init; }

    public required string Instructions { get; init; }

    public required IReadOnlyList<RealtimeTool> Tools { get; init; }

    public required RealtimeToolChoice ToolChoice { get; init; }

    public required RealtimeAudioFormat OutputFormat { get; init; }

    public required double Speed { get; init; }

    /// <summary>The session's model when the response started: the recogniser that "hears" user audio.</summary>
    public required string Model { get; init; }

    public required IReadOnlyList<ConversationEntry> Context { get; init; }

    public string Id => Response.Id!;

    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>Why it was cancelled: <c>client_cancelled</c> or <c>turn_detected</c>; null while it runs.</summary>
    public string? CancelReason { get; private set; }

    /// <summary><c>max_output_tokens</c> when the reply was cut to the limit.</summary>
    public string? IncompleteReason { get; set; }

    public Task? Task { get; set; }

    /// <summary>The output items (the server's copies), in output order.</summary>
    public List<RealtimeConversationItem> Output { get; } = [];

    /// <summary>The item being streamed, finished as <c>incomplete</c> if the response stops early.</summary>
    public ConversationEntry? OpenItem { get; set; }

    /// <summary>The text (or transcript) sent so far of <see cref="OpenItem"/>.</summary>
    public string PartialText { get; set; } = string.Empty;

    /// <summary>Output text, transcript or arguments sent, for usage.</summary>
    public string OutputText { get; set; } = string.Empty;

    /// <summary>Output audio sent, in milliseconds, for usage.</summary>
    public long OutputAudioMs { get; set; }

    public bool CancelRequested => CancelReason is not null;

    public void RequestCancel(string reason)
    {
        if (CancelReason is null)
        {
            CancelReason = reason;
            Cancel.Cancel();
        }
    }

    public void Dispose() => Cancel.Dispose();
}
