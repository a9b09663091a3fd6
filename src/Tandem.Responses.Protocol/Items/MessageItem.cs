using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>A message item (roles user, assistant, system, developer).</summary>
public sealed class MessageItem : ResponseItem
{
    public MessageItem() => Type = ItemTypes.Message;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    /// <summary>Text shorthand or a list of content parts.</summary>
    public MessageContent Content { get; set; } = new();

    /// <summary><c>commentary</c> or <c>final_answer</c> on assistant messages; send it back verbatim.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Phase { get; set; }

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
