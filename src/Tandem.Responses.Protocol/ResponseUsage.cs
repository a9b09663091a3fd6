using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary>Token usage of a response.</summary>
public sealed class ResponseUsage
{
    // Made on first read, not at construction (DefaultOnRead): parsed usage sets them.
    private static readonly InputTokensDetails NullInput = new();
    private static readonly OutputTokensDetails NullOutput = new();
    private InputTokensDetails? _inputTokensDetails;
    private OutputTokensDetails? _outputTokensDetails;

    public int InputTokens { get; set; }

    [JsonConverter(typeof(IsolatedConverter<InputTokensDetails>))]
    public InputTokensDetails InputTokensDetails
    {
        get => DefaultOnRead.Get(ref _inputTokensDetails, NullInput, static () => new());
        set => DefaultOnRead.Set(ref _inputTokensDetails, value, NullInput);
    }

    public int OutputTokens { get; set; }

    [JsonConverter(typeof(IsolatedConverter<OutputTokensDetails>))]
    public OutputTokensDetails OutputTokensDetails
    {
        get => DefaultOnRead.Get(ref _outputTokensDetails, NullOutput, static () => new());
        set => DefaultOnRead.Set(ref _outputTokensDetails, value, NullOutput);
    }

    public int TotalTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
