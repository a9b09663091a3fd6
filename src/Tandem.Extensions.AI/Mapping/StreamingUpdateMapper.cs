using Microsoft.Extensions.AI;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>
/// Turns one response's events into <see cref="ChatResponseUpdate"/>s: text and reasoning-summary
/// deltas as they come, a function call when its <c>output_item.done</c> arrives (complete arguments,
/// ready to run), and a last update with usage and the finish reason. Updates carry the current
/// message item's id, so <c>ToChatResponse()</c> groups them as <see cref="OutputMapper"/> groups a
/// whole response; phase and reasoning ids ride in the contents' <c>AdditionalProperties</c>, and the
/// encrypted reasoning arrives with the reasoning item's <c>done</c>. One instance per stream.
/// </summary>
internal sealed class StreamingUpdateMapper(Func<string, string?> conversationIdFor)
{
    private const string SummarySeparator = "\n\n";
    private readonly Dictionary<string, string> _phases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _streamed = new(StringComparer.Ordinal);
    private readonly HashSet<(string, int)> _summaryParts = [];
    private string? _responseId;
    private string? _conversationId;
    private string? _modelId;
    private string? _messageId;
    private DateTimeOffset? _createdAt;

    public IEnumerable<ChatResponseUpdate> Map(ResponseStreamEvent evt)
    {
        switch (evt)
        {
            case ResponseLifecycleEvent life:
                Observe(life.Response);
                if (life.IsTerminal)
                {
                    yield return Final(life);
                }

                break;
            case OutputItemEvent { Type: ResponseEventTypes.OutputItemAdded, Item: MessageItem { Id: { } id } message }:
                _messageId = id;
                if (message.Phase is { } phase)
                {
                    _phases[id] = phase;
                }

                break;
            case OutputTextDeltaEvent delta:
                _streamed.Add(delta.ItemId);
                var text = new TextContent(delta.Delta);
                if (_phases.TryGetValue(delta.ItemId, out var textPhase))
                {
                    text.AdditionalProperties = new() { [ResponsesChatPropertyNames.Phase] = textPhase };
                }

                yield return Update(evt, text, delta.ItemId);
                break;
            case ReasoningSummaryTextDeltaEvent summary:
                _streamed.Add(summary.ItemId);

                // Parts after the first are separated as OutputMapper joins them, so both paths read alike.
                var separator = summary.SummaryIndex > 0 && _summaryParts.Add((summary.ItemId, summary.SummaryIndex)) ? SummarySeparator : string.Empty;
                yield return Update(evt, new TextReasoningContent(separator + summary.Delta)
                {
                    AdditionalProperties = new() { [ResponsesChatPropertyNames.ItemId] = summary.ItemId },
                });
                break;
            case OutputItemEvent { Type: ResponseEventTypes.OutputItemDone } done:
                foreach (var update in Done(evt, done.Item))
                {
                    yield return update;
                }

                break;
        }
    }

    private IEnumerable<ChatResponseUpdate> Done(ResponseStreamEvent evt, ResponseItem item)
    {
        switch (item)
        {
            case FunctionCallItem call:
                yield return Update(evt, OutputMapper.ToCall(call));
                break;
            case ReasoningItem reasoning when reasoning.Id is null || !_streamed.Contains(reasoning.Id):
                yield return Update(evt, OutputMapper.ToReasoning(reasoning)); // nothing streamed: the whole item now
                break;
            case ReasoningItem { EncryptedContent: { } encrypted } reasoning:
                // The summary has streamed; what is left is the opaque part. ToChatResponse() merges it
                // into the summary text (ProtectedData of the last piece wins).
                yield return Update(evt, new TextReasoningContent(string.Empty)
                {
                    ProtectedData = encrypted,
                    AdditionalProperties = new() { [ResponsesChatPropertyNames.ItemId] = reasoning.Id! },
                });
                break;
            case MessageItem message:
                var streamed = message.Id is not null && _streamed.Contains(message.Id);
                var contents = (message.Content.Parts ?? [ContentPart.OutputText(message.Content.Text ?? string.Empty)])
                    .Where(p => !streamed || p.Type == "refusal") // refusals have no deltas here; text already went out
                    .Select(p => OutputMapper.ToContent(p, message.Phase))
                    .ToList();
                if (contents.Count > 0)
                {
                    yield return Update(evt, contents, message.Id);
                }

                break;
            case ReasoningItem or FunctionCallOutputItem:
                break;
            default:
                yield return Update(evt, new AIContent { RawRepresentation = item });
                break;
        }
    }

    private void Observe(ResponseObject response)
    {
        if (string.IsNullOrEmpty(response.Id))
        {
            return;
        }

        if (_responseId != response.Id)
        {
            _responseId = response.Id;
            _conversationId = conversationIdFor(response.Id);
        }

        _modelId = string.IsNullOrEmpty(response.Model) ? _modelId : response.Model;
        _createdAt = response.CreatedAt > 0 ? DateTimeOffset.FromUnixTimeSeconds(response.CreatedAt) : _createdAt;
    }

    private ChatResponseUpdate Final(ResponseLifecycleEvent terminal)
    {
        var contents = new List<AIContent>();
        if (OutputMapper.ToUsage(terminal.Response.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        if (OutputMapper.ToError(terminal.Response) is { } error)
        {
            contents.Add(error);
        }

        var update = Update(terminal, contents, null);
        update.FinishReason = OutputMapper.ToFinishReason(terminal.Response);
        return update;
    }

    private ChatResponseUpdate Update(ResponseStreamEvent evt, AIContent content, string? messageId = null) => Update(evt, [content], messageId);

    private ChatResponseUpdate Update(ResponseStreamEvent evt, IList<AIContent> contents, string? messageId) => new(ChatRole.Assistant, contents)
    {
        ResponseId = _responseId,
        ConversationId = _conversationId,
        CreatedAt = _createdAt,
        ModelId = _modelId,
        MessageId = messageId ?? _messageId,
        RawRepresentation = evt,
    };
}
