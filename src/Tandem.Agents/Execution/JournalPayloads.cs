using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Agents.Execution;

/// <summary>The JSON of each journal entry kind (items in the wire format, so a journal reads like the traffic).</summary>
internal static class JournalPayloads
{
    public static string RunStarted(AgentRunOptions o, IReadOnlyList<ResponseItem> input, string? spotlightMarker) => new JsonObject
    {
        ["spotlight_marker"] = spotlightMarker,
        ["model"] = o.Model,
        ["instructions"] = o.Instructions,
        ["store"] = o.Store,
        ["lane"] = o.Lane,
        ["input"] = JsonNode.Parse(ProtocolJson.Serialize(input.ToList())),
    }.ToJsonString();

    public static string Items(int turn, IReadOnlyList<ResponseItem> items) => new JsonObject
    {
        ["turn"] = turn,
        ["items"] = JsonNode.Parse(ProtocolJson.Serialize(items.ToList())),
    }.ToJsonString();

    public static string ResponseStarted(int turn, string responseId) => new JsonObject { ["turn"] = turn, ["response_id"] = responseId }.ToJsonString();

    public static string CallDispatched(int turn, FunctionCallItem call) => new JsonObject
    {
        ["turn"] = turn,
        ["call"] = JsonNode.Parse(ProtocolJson.Serialize<ResponseItem>(call)),
    }.ToJsonString();

    public static string TurnCompleted(int turn, ResponseObject response) => new JsonObject
    {
        ["turn"] = turn,
        ["response_id"] = response.Id,
        ["output"] = JsonNode.Parse(ProtocolJson.Serialize(response.Output)),
        ["input_tokens"] = response.Usage?.InputTokens ?? 0,
        ["cached_tokens"] = response.Usage?.InputTokensDetails.CachedTokens ?? 0,
        ["output_tokens"] = response.Usage?.OutputTokens ?? 0,
    }.ToJsonString();

    public static string ToolResult(int turn, ToolOutcome outcome) => new JsonObject
    {
        ["turn"] = turn,
        ["call_id"] = outcome.CallId,
        ["name"] = outcome.Name,
        ["output"] = outcome.Result.Output,
        ["is_error"] = outcome.Result.IsError,
    }.ToJsonString();

    public static string RunFinished(AgentRunResult result) => new JsonObject
    {
        ["status"] = result.Status.ToString(),
        ["output"] = result.Output,
        ["reason"] = result.Reason,
        ["tool_calls"] = result.ToolCalls,
    }.ToJsonString();

    public static string ChainRestarted(int turn, string summary) => new JsonObject { ["turn"] = turn, ["summary"] = summary }.ToJsonString();

    public static string ApprovalRequested(int turn, Policy.ApprovalRequest request) => new JsonObject
    {
        ["turn"] = turn,
        ["call_id"] = request.CallId,
        ["nonce"] = request.Nonce,
        ["expires_at"] = request.ExpiresAt.ToUnixTimeMilliseconds(),
    }.ToJsonString();

    public static JsonObject Parse(string payload) => JsonNode.Parse(payload)!.AsObject();

    public static List<ResponseItem> ItemsOf(JsonNode? node) =>
        node is null ? [] : ProtocolJson.Deserialize<List<ResponseItem>>(node.ToJsonString()) ?? [];

    public static FunctionCallItem CallOf(JsonNode node) =>
        (FunctionCallItem)(ProtocolJson.Deserialize<ResponseItem>(node.ToJsonString()) ?? throw new JsonException("The journal holds an empty call."));
}
