using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;
namespace Tandem.Responses.Protocol;

/// <summary><c>response.content_part.added</c> / <c>response.content_part.done</c>.</summary>
public sealed class ContentPartEvent : ResponseStreamEvent
{
    // Made on first read, not at construction (DefaultOnRead): a parsed event sets it.
    private static readonly ContentPart NullPart = new();
    private ContentPart? _part;

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public ContentPart Part
    {
        get => DefaultOnRead.Get(ref _part, NullPart, static () => new());
        set => DefaultOnRead.Set(ref _part, value, NullPart);
    }
}
