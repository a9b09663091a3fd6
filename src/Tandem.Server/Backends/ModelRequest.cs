using Tandem.Responses.Protocol;

namespace Tandem.Server.Backends;

/// <summary>What a backend sees of a request: the request itself and the full conversation context.</summary>
public sealed class ModelRequest
{
    public required ResponseCreateRequest Request { get; init; }

    /// <summary>Every item of the conversation so far, the new input last.</summary>
    public required IReadOnlyList<ResponseItem> Context { get; init; }

    /// <summary>Only the items this request added.</summary>
    public required IReadOnlyList<ResponseItem> NewInput { get; init; }

    public string Model => Request.Model ?? string.Empty;

    /// <summary>
    /// A client asks for a summary of the conversation (to restart it smaller): <c>tool_choice:"none"</c>
    /// and <c>metadata.tandem_purpose = "summary"</c>, which Tandem's runtime sends. The scripted model
    /// answers such a request with a summary instead of its next scripted turn.
    /// </summary>
    public bool IsSummaryRequest =>
        Request.ToolChoice is { ValueKind: System.Text.Json.JsonValueKind.String } choice && choice.GetString() == "none"
        && Request.Metadata is { } md && md.TryGetValue("tandem_purpose", out var purpose) && purpose == "summary";

    /// <summary>The scenario named by <c>model</c> (<c>scenario/NAME</c>) or <c>metadata.scenario</c>, if any.</summary>
    public string? ScenarioName =>
        Model.StartsWith("scenario/", StringComparison.Ordinal) ? Model["scenario/".Length..]
        : Request.Metadata is { } md && md.TryGetValue("scenario", out var s) ? s
        : null;
}
