using Tandem.Voice.Audio;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// <c>conversation.item.create|retrieve|delete|truncate</c>. Items are kept as the server's copy
/// (status set, audio bytes moved out of the content into the entry), the shape OpenAI echoes.
/// </summary>
internal sealed partial class RealtimeSession
{
    private async ValueTask CreateItemAsync(RealtimeConversationItemCreateEvent create, CancellationToken cancellationToken)
    {
        if (create.Item is not { } item)
        {
            throw RealtimeErrors.Missing("item");
        }

        var entry = ToEntry(item, "item");
        if (_conversation.Contains(entry.Id))
        {
            throw new RealtimeRequestException(RealtimeErrors.DuplicateItemId, $"Item with id '{entry.Id}' already exists in the conversation.", "item.id");
        }

        if (create.PreviousItemId is { } after && after != "root" && !_conversation.Contains(after))
        {
            throw RealtimeErrors.NoSuchItem("creating", after, "previous_item_id");
        }

        var previous = _conversation.Insert(entry, create.PreviousItemId);
        await SendItemAddedAndDoneAsync(entry.Item, previous, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RetrieveItemAsync(RealtimeConversationItemRetrieveEvent retrieve, CancellationToken cancellationToken)
    {
        var entry = _conversation.Find(retrieve.ItemId) ?? throw RealtimeErrors.NoSuchItem("retrieving", retrieve.ItemId);

        // The retrieved copy carries the audio (24 kHz PCM16, base64), which the added/done copies leave out.
        var copy = RealtimeJson.Deserialize<RealtimeConversationItem>(RealtimeJson.Serialize(entry.Item))!;
        if (entry.Audio is { } audio && copy is RealtimeMessageItem { Content: [var part, ..] }
            && part.Type is RealtimeContentPart.InputAudioType or RealtimeContentPart.OutputAudioType)
        {
            part.Audio = Convert.ToBase64String(Pcm16.ToBytes(audio));
        }

        await SendAsync(new RealtimeConversationItemRetrievedEvent { Item = copy }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DeleteItemAsync(RealtimeConversationItemDeleteEvent delete, CancellationToken cancellationToken)
    {
        if (!_conversation.Remove(delete.ItemId))
        {
            throw RealtimeErrors.NoSuchItem("deleting", delete.ItemId);
        }

        await SendAsync(new RealtimeConversationItemDeletedEvent { ItemId = delete.ItemId }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cuts an assistant audio reply at what the user heard. As OpenAI documents, the server's
    /// transcript of it is removed (it may hold words the user never heard).
    /// </summary>
    private async ValueTask TruncateItemAsync(RealtimeConversationItemTruncateEvent truncate, CancellationToken cancellationToken)
    {
        var entry = _conversation.Find(truncate.ItemId) ?? throw RealtimeErrors.NoSuchItem("truncating", truncate.ItemId);
        if (entry.Item is not RealtimeMessageItem { Role: "assistant", Content: { } content } || entry.Audio is not { } audio)
        {
            throw RealtimeErrors.Invalid("item_id", $"Only an assistant message with audio can be truncated; item '{truncate.ItemId}' is not one.");
        }

        if (truncate.ContentIndex < 0 || truncate.ContentIndex >= content.Count || content[truncate.ContentIndex].Type != RealtimeContentPart.OutputAudioType)
        {
            throw RealtimeErrors.Invalid("content_index", $"Invalid 'content_index': {truncate.ContentIndex}. Item '{truncate.ItemId}' has its audio at content index 0.");
        }

        var durationMs = audio.Length * 1000L / RealtimeSessionSettings.PcmRate;
        if (truncate.AudioEndMs < 0 || truncate.AudioEndMs > durationMs)
        {
            throw RealtimeErrors.Invalid("audio_end_ms", $"Invalid 'audio_end_ms': {truncate.AudioEndMs}. The audio of item '{truncate.ItemId}' is {durationMs} ms long.");
        }

        entry.Audio = audio[..(int)((long)truncate.AudioEndMs * RealtimeSessionSettings.PcmRate / 1000)];
        content[truncate.ContentIndex].Transcript = string.Empty;
        await SendAsync(new RealtimeConversationItemTruncatedEvent
        {
            ItemId = truncate.ItemId,
            ContentIndex = truncate.ContentIndex,
            AudioEndMs = truncate.AudioEndMs,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>conversation.item.added</c> then <c>conversation.item.done</c> of a whole item (one made by
    /// the client or by a commit), both naming the item before it.
    /// </summary>
    private async ValueTask SendItemAddedAndDoneAsync(RealtimeConversationItem item, string? previous, CancellationToken cancellationToken)
    {
        await SendAsync(RealtimeServerEvents.ConversationItemAdded(item, previous), cancellationToken).ConfigureAwait(false);
        await SendAsync(RealtimeServerEvents.ConversationItemDone(item, previous), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A client's item as the server keeps it: validated, an id given when it has none, status
    /// <c>completed</c>, input audio decoded into the entry and left out of the content.
    /// </summary>
    private ConversationEntry ToEntry(RealtimeConversationItem item, string param)
    {
        var id = string.IsNullOrEmpty(item.Id) ? RealtimeIds.NewItemId() : item.Id;
        switch (item)
        {
            case RealtimeMessageItem message:
                return MessageEntry(message, id, param);
            case RealtimeFunctionCallItem call:
                if (string.IsNullOrEmpty(call.CallId))
                {
                    throw RealtimeErrors.Missing(param + ".call_id");
                }

                if (string.IsNullOrEmpty(call.Name))
                {
                    throw RealtimeErrors.Missing(param + ".name");
                }

                return new ConversationEntry(new RealtimeFunctionCallItem
                {
                    Id = id,
                    Status = "completed",
                    Name = call.Name,
                    CallId = call.CallId,
                    Arguments = call.Arguments ?? string.Empty,
                });
            case RealtimeFunctionCallOutputItem output:
                if (string.IsNullOrEmpty(output.CallId))
                {
                    throw RealtimeErrors.Missing(param + ".call_id");
                }

                // OpenAI's copy of a function_call_output has no status.
                return new ConversationEntry(new RealtimeFunctionCallOutputItem { Id = id, CallId = output.CallId, Output = output.Output ?? throw RealtimeErrors.Missing(param + ".output") });
            default:
                throw RealtimeErrors.NotOneOf(param + ".type", item.Type, RealtimeItemTypes.Message, RealtimeItemTypes.FunctionCall, RealtimeItemTypes.FunctionCallOutput);
        }
    }

    private ConversationEntry MessageEntry(RealtimeMessageItem message, string id, string param)
    {
        if (message.Role is not ("user" or "assistant" or "system"))
        {
            throw RealtimeErrors.NotOneOf(param + ".role", message.Role, "user", "assistant", "system");
        }

        if (message.Content is not { Count: > 0 } content)
        {
            throw RealtimeErrors.Missing(param + ".content");
        }

        string[] allowed = message.Role == "assistant"
            ? [RealtimeContentPart.OutputTextType, RealtimeContentPart.OutputAudioType]
            : [RealtimeContentPart.InputTextType, RealtimeContentPart.InputAudioType, RealtimeContentPart.InputImageType];
        var parts = new List<RealtimeContentPart>(content.Count);
        short[]? audio = null;
        for (var i = 0; i < content.Count; i++)
        {
            var part = content[i];
            var where = $"{param}.content[{i}]";
            if (!allowed.Contains(part.Type))
            {
                throw RealtimeErrors.NotOneOf(where + ".type", part.Type, allowed);
            }

            switch (part.Type)
            {
                case RealtimeContentPart.InputTextType or RealtimeContentPart.OutputTextType:
                    parts.Add(new RealtimeContentPart { Type = part.Type, Text = part.Text ?? throw RealtimeErrors.Missing(where + ".text") });
                    break;
                case RealtimeContentPart.InputAudioType:
                    if (part.Audio is { Length: > 0 } base64)
                    {
                        audio ??= DecodeInput(base64, InputFormat, where + ".audio");
                    }

                    parts.Add(new RealtimeContentPart { Type = part.Type, Transcript = part.Transcript }.WithExplicitNull("transcript"));
                    break;
                case RealtimeContentPart.OutputAudioType:
                    parts.Add(new RealtimeContentPart { Type = part.Type, Transcript = part.Transcript }.WithExplicitNull("transcript"));
                    break;
                default:
                    parts.Add(new RealtimeContentPart { Type = part.Type, ImageUrl = part.ImageUrl ?? throw RealtimeErrors.Missing(where + ".image_url"), Detail = part.Detail });
                    break;
            }
        }

        var copy = new RealtimeMessageItem { Id = id, Status = "completed", Role = message.Role, Content = parts };
        return new ConversationEntry(copy) { Audio = audio };
    }
}
