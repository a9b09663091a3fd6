using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;
using Tandem.Bench.Measurement;

namespace Tandem.Bench.Clients;

/// <summary>
/// Sits under <see cref="FunctionInvokingChatClient"/>, which hides turn boundaries: every inner
/// streaming call is one model response, so it is one recorded turn — started before the inner call
/// is enumerated (the request leaves then), completed when its stream ends, with the response id
/// and usage the updates carried. Keeps the last response's text (the final answer).
/// </summary>
internal sealed class TurnRecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>The recorder of the current run (a client runs one scenario at a time).</summary>
    public RunRecorder? Recorder { get; set; }

    /// <summary>The text of the last inner response.</summary>
    public string LastText { get; private set; } = string.Empty;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var recorder = Recorder ?? throw new InvalidOperationException("No run is being recorded.");
        recorder.TurnStarted();
        string? responseId = null;
        UsageDetails? usage = null;
        var calls = 0;
        var text = string.Empty;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            responseId = update.ResponseId ?? responseId;
            var output = update.RawRepresentation is StreamingResponseOutputItemAddedUpdate or StreamingResponseOutputItemDoneUpdate or StreamingResponseOutputTextDeltaUpdate;
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case UsageContent u:
                        usage = u.Details;
                        break;
                    case FunctionCallContent:
                        calls++;
                        output = true;
                        break;
                    case TextContent t:
                        text += t.Text;
                        output = true;
                        break;
                }
            }

            if (output)
            {
                recorder.Output();
            }

            yield return update;
        }

        recorder.TurnCompleted(
            responseId ?? string.Empty,
            (int)(usage?.InputTokenCount ?? 0),
            (int)(usage?.CachedInputTokenCount ?? 0),
            (int)(usage?.OutputTokenCount ?? 0),
            calls);
        LastText = text;
    }
}
