using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>A message item (roles user, assistant, system, developer).</summary>
public sealed class MessageItem : ResponseItem
{
    // Made on first read, not at construction (DefaultOnRead): a parsed message sets it.
    private static readonly MessageContent NullContent = new(string.Empty);
    private MessageContent? _content;

    public MessageItem() => Type = ItemTypes.Message;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Status { get; set; }

    /// <summary>Text shorthand or a list of content parts.</summary>
    public MessageContent Content
    {
        get => DefaultOnRead.Get(ref _content, NullContent, static () => new());
        set => DefaultOnRead.Set(ref _content, value, NullContent);
    }

    /// <summary><c>commentary</c> or <c>final_answer</c> on assistant messages; send it back verbatim.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Phase { get; set; }

    [JsonConverter(typeof(KnownStringConverter))]
    public string Role { get; set; } = "user";

    /// <summary>All text of the message's text parts, concatenated.</summary>
    public string GetText() => Content.GetText();

    public static MessageItem User(string text) => new() { Role = "user", Content = new MessageContent(text) };

    public static MessageItem Developer(string text) => new() { Role = "developer", Content = new MessageContent(text) };

    public static MessageItem AssistantText(string id, string text, string? phase = null) => new()
    {
        Id = id,
        Status = "completed",
        Role = "assistant",
        Phase = phase,
        Content = new MessageContent([ContentPart.OutputText(text)]),
    };
}
