using System.Text;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>
/// Message content as it appears on the wire: either a plain string or a list of content parts.
/// The form that was read is the form that is written, so requests round-trip unchanged.
/// </summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed class MessageContent
{
    public MessageContent() => Parts = [];

    public MessageContent(string text) => Text = text;

    public MessageContent(List<ContentPart> parts) => Parts = parts;

    /// <summary>Set when the content is the string shorthand.</summary>
    public string? Text { get; }

    /// <summary>Set when the content is a list of parts.</summary>
    public List<ContentPart>? Parts { get; }

    public string GetText()
    {
        if (Text is not null)
        {
            return Text;
        }

        if (Parts is null || Parts.Count == 0)
        {
            return string.Empty;
        }

        if (Parts.Count == 1)
        {
            return Parts[0].Text ?? Parts[0].Refusal ?? string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var part in Parts)
        {
            sb.Append(part.Text ?? part.Refusal);
        }

        return sb.ToString();
    }
}
