using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>The <c>input</c> of a request: a plain string or a list of items, written back in the form read.</summary>
[JsonConverter(typeof(ResponseInputConverter))]
public sealed class ResponseInput
{
    public ResponseInput(string text) => Text = text;

    public ResponseInput(List<ResponseItem> items) => Items = items;

    public string? Text { get; }

    public List<ResponseItem>? Items { get; }

    /// <summary>The input as items (the string shorthand becomes one user message).</summary>
    public IReadOnlyList<ResponseItem> AsItems() => Items ?? (Text is null ? [] : [MessageItem.User(Text)]);

    public static implicit operator ResponseInput(string text) => new(text);

    public static implicit operator ResponseInput(List<ResponseItem> items) => new(items);
}
