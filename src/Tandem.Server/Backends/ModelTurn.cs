using Tandem.Responses.Protocol;

namespace Tandem.Server.Backends;

/// <summary>A backend's answer: complete output items (ids are assigned by the server when absent).</summary>
public sealed class ModelTurn
{
    public List<ResponseItem> Output { get; init; } = [];

    /// <summary>Reasoning tokens to report (hidden reasoning costs decode time too).</summary>
    public int ReasoningTokens { get; init; }
}
