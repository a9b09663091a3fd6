using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>The client's result for a <see cref="FunctionCallItem"/>, matched by <see cref="CallId"/>.</summary>
public sealed class FunctionCallOutputItem : ResponseItem
{
    // Made on first read, not at construction (DefaultOnRead): a parsed output sets it.
    private static readonly MessageContent NullOutput = new(string.Empty);
    private MessageContent? _output;

    public FunctionCallOutputItem() => Type = ItemTypes.FunctionCallOutput;

    [JsonPropertyOrder(-10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(RepeatedStringConverter))]
    public string? Id { get; set; }

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string CallId { get; set; } = string.Empty;

    /// <summary>A string, or a list of input content parts.</summary>
    public MessageContent Output
    {
        get => DefaultOnRead.Get(ref _output, NullOutput, static () => new(string.Empty));
        set => DefaultOnRead.Set(ref _output, value, NullOutput);
    }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(KnownStringConverter))]
    public string? Status { get; set; }

    public static FunctionCallOutputItem Create(string callId, string output) => new() { CallId = callId, Output = new MessageContent(output) };
}
