using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>
/// Chat messages → Responses input items, in content order: the text (and images, files) of a message
/// become one message item; a function call, function result or reasoning content becomes its own item
/// where it stands, so interleaved output (reasoning, commentary, call) goes back in the order it came.
/// </summary>
internal static class InputItemMapper
{
    private const string ResponsesMessageIdPrefix = "msg_";

    public static List<ResponseItem> ToItems(IEnumerable<ChatMessage> messages)
    {
        var items = new List<ResponseItem>();
        foreach (var message in messages)
        {
            new MessageWriter(items, message).Write();
        }

        return items;
    }

    internal static string? RoleOf(ChatRole role) =>
        role == ChatRole.System ? "system"
        : role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? null // a tool message carries results only
        : role.Value.ToLowerInvariant(); // "developer", or whatever the server will judge

    private static FunctionCallItem ToCallItem(FunctionCallContent call)
    {
        // The model's own argument text goes back byte for byte (it is part of the cached prefix).
        var raw = call.RawRepresentation as FunctionCallItem;
        var same = raw is not null && raw.CallId == call.CallId && raw.Name == call.Name;
        return new FunctionCallItem
        {
            Id = same ? raw!.Id : null,
            Status = same ? raw!.Status : null,
            CallId = call.CallId,
            Name = call.Name,
            Arguments = same ? raw!.Arguments : JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), JsonInfo.Arguments),
        };
    }

    private static FunctionCallOutputItem ToOutputItem(FunctionResultContent result) => new()
    {
        CallId = result.CallId,
        Output = result.Result switch
        {
            null => new MessageContent(string.Empty),
            string s => new MessageContent(s),

            // AIFunctionFactory hands back JSON; a string result is sent as the string itself, not quoted.
            JsonElement { ValueKind: JsonValueKind.String } e => new MessageContent(e.GetString()!),
            JsonElement e => new MessageContent(e.GetRawText()),
            TextContent t => new MessageContent(t.Text),
            AIContent c => new MessageContent(ResultParts([c])),
            IEnumerable<AIContent> contents => new MessageContent(ResultParts(contents)),
            var other => new MessageContent(JsonSerializer.Serialize(other, JsonInfo.Object)),
        },
    };

    private static List<ContentPart> ResultParts(IEnumerable<AIContent> contents)
    {
        var parts = new List<ContentPart>();
        foreach (var content in contents)
        {
            parts.Add(MediaPart(content) ?? ContentPart.InputText(content is TextContent t ? t.Text : JsonSerializer.Serialize(content, JsonInfo.Content)));
        }

        return parts;
    }

    /// <summary>Images and files as input parts; <see langword="null"/> for anything else.</summary>
    private static ContentPart? MediaPart(AIContent content) => content switch
    {
        DataContent d when d.HasTopLevelMediaType("image") => Part("input_image", ("image_url", d.Uri), ("detail", "auto")),
        DataContent d => Part("input_file", ("file_data", d.Uri), ("filename", d.Name ?? "file")),
        UriContent u when u.HasTopLevelMediaType("image") => Part("input_image", ("image_url", u.Uri.AbsoluteUri), ("detail", "auto")),
        UriContent u => Part("input_file", ("file_url", u.Uri.AbsoluteUri)),
        HostedFileContent h when h.HasTopLevelMediaType("image") => Part("input_image", ("file_id", h.FileId), ("detail", "auto")),
        HostedFileContent h => Part("input_file", ("file_id", h.FileId)),
        _ => null,
    };

    private static ContentPart Part(string type, params (string Key, string Value)[] fields)
    {
        var extension = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            extension[key] = JsonValues.String(value);
        }

        return new ContentPart { Type = type, ExtensionData = extension };
    }

    /// <summary>Writes one message's items; holds the text parts waiting to become a message item.</summary>
    private sealed class MessageWriter
    {
        private readonly List<ResponseItem> _items;
        private readonly ChatMessage _message;
        private readonly string? _role;
        private readonly bool _assistant;
        private readonly string? _messagePhase;
        private string? _itemId;
        private List<ContentPart>? _parts;
        private string? _partsPhase;
        private bool _lastPartMergeable;

        public MessageWriter(List<ResponseItem> items, ChatMessage message)
        {
            _items = items;
            _message = message;
            _role = RoleOf(message.Role);
            _assistant = _role == "assistant";
            var rawItem = message.RawRepresentation as MessageItem;
            _messagePhase = _assistant ? JsonValues.Text(message.AdditionalProperties, ResponsesChatPropertyNames.Phase) ?? rawItem?.Phase : null;

            // Our own output message goes back with its id; a hand-written one without.
            _itemId = _assistant
                ? rawItem?.Id ?? (message.MessageId is { } id && id.StartsWith(ResponsesMessageIdPrefix, StringComparison.Ordinal) ? id : null)
                : null;
        }

        public void Write()
        {
            foreach (var content in _message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call:
                        Flush();
                        _items.Add(ToCallItem(call));
                        break;
                    case FunctionResultContent result:
                        Flush();
                        _items.Add(ToOutputItem(result));
                        break;
                    case TextReasoningContent reasoning:
                        Flush();
                        AddReasoning(reasoning);
                        break;
                    case TextContent text when _role is not null:
                        AddText(text);
                        break;
                    case ErrorContent { RawRepresentation: ContentPart { Type: "refusal" } refusal } when _assistant:
                        AddPart(refusal, _messagePhase, mergeable: false);
                        break;
                    case { RawRepresentation: ResponseItem item }:
                        Flush(); // an item this client does not model (web_search_call…), sent back as it came
                        _items.Add(item);
                        break;
                    default:
                        if (_role is not null && !_assistant && MediaPart(content) is { } media)
                        {
                            AddPart(media, null, mergeable: false);
                        }

                        break;
                }
            }

            Flush();
        }

        private void AddText(TextContent text)
        {
            var phase = _assistant ? JsonValues.Text(text.AdditionalProperties, ResponsesChatPropertyNames.Phase) ?? _messagePhase : null;
            if (_parts is not null && phase != _partsPhase)
            {
                Flush(); // a new phase is a new message item
            }

            if (text.RawRepresentation is ContentPart { Type: "output_text" } raw && _assistant && raw.Text == text.Text)
            {
                AddPart(raw, phase, mergeable: false);
                return;
            }

            if (_lastPartMergeable && _parts is { Count: > 0 })
            {
                // Unmerged streaming deltas: one part, not one per token.
                _parts[^1].Text += text.Text;
                return;
            }

            AddPart(_assistant ? ContentPart.OutputText(text.Text) : ContentPart.InputText(text.Text), phase, mergeable: true);
        }

        private void AddPart(ContentPart part, string? phase, bool mergeable)
        {
            if (_parts is null)
            {
                _parts = [];
                _partsPhase = phase;
            }

            _parts.Add(part);
            _lastPartMergeable = mergeable;
        }

        private void AddReasoning(TextReasoningContent reasoning)
        {
            var raw = reasoning.RawRepresentation as ReasoningItem;
            var id = raw?.Id ?? JsonValues.Text(reasoning.AdditionalProperties, ResponsesChatPropertyNames.ItemId);
            var encrypted = reasoning.ProtectedData ?? raw?.EncryptedContent;
            if (_items.Count > 0 && _items[^1] is ReasoningItem previous && id is not null && previous.Id == id)
            {
                // The same item in several contents (updates not merged): one item again.
                AppendSummary(previous.Summary, reasoning.Text);
                previous.EncryptedContent ??= encrypted;
                return;
            }

            if (id is null && encrypted is null)
            {
                return; // a summary alone is not a reasoning item the API takes back
            }

            var summary = raw is not null && OutputMapper.SummaryText(raw.Summary) == reasoning.Text ? [.. raw.Summary] : new List<ContentPart>();
            if (raw is null || summary.Count == 0)
            {
                summary.Clear();
                AppendSummary(summary, reasoning.Text);
            }

            _items.Add(new ReasoningItem { Id = id, Summary = summary, EncryptedContent = encrypted });
        }

        private static void AppendSummary(List<ContentPart> summary, string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            if (summary.Count > 0)
            {
                // A new part, not an edit: the last one may belong to a caller's raw item.
                summary[^1] = new ContentPart { Type = "summary_text", Text = summary[^1].Text + text };
            }
            else
            {
                summary.Add(new ContentPart { Type = "summary_text", Text = text });
            }
        }

        private void Flush()
        {
            if (_parts is null)
            {
                return;
            }

            _items.Add(new MessageItem
            {
                Id = _itemId,
                Status = _itemId is null ? null : "completed",
                Role = _role!,
                Phase = _partsPhase,
                Content = new MessageContent(_parts),
            });
            _itemId = null; // one id, one item
            _parts = null;
            _partsPhase = null;
            _lastPartMergeable = false;
        }
    }
}
