using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol.Json;

/// <summary>Source-generated metadata for every wire type (snake_case names, as on the wire).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    Converters = [typeof(RawJsonElementConverter)])]
[JsonSerializable(typeof(ResponseCreateRequest))]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(CompactedResponse))]
[JsonSerializable(typeof(ResponseItem))]
[JsonSerializable(typeof(List<ResponseItem>))]
[JsonSerializable(typeof(MessageItem))]
[JsonSerializable(typeof(FunctionCallItem))]
[JsonSerializable(typeof(FunctionCallOutputItem))]
[JsonSerializable(typeof(ReasoningItem))]
[JsonSerializable(typeof(CompactionItem))]
[JsonSerializable(typeof(ContentPart))]
[JsonSerializable(typeof(List<ContentPart>))]
[JsonSerializable(typeof(MessageContent))]
[JsonSerializable(typeof(ResponseInput))]
[JsonSerializable(typeof(ResponseTool))]
[JsonSerializable(typeof(ResponseUsage))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ApiErrorResponse))]
[JsonSerializable(typeof(ResponseDeleted))]
[JsonSerializable(typeof(ResponseItemList))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ResponseStreamEvent))]
[JsonSerializable(typeof(ResponseLifecycleEvent))]
[JsonSerializable(typeof(OutputItemEvent))]
[JsonSerializable(typeof(ContentPartEvent))]
[JsonSerializable(typeof(OutputTextDeltaEvent))]
[JsonSerializable(typeof(OutputTextDoneEvent))]
[JsonSerializable(typeof(OutputTextAnnotationAddedEvent))]
[JsonSerializable(typeof(RefusalDeltaEvent))]
[JsonSerializable(typeof(RefusalDoneEvent))]
[JsonSerializable(typeof(FunctionCallArgumentsDeltaEvent))]
[JsonSerializable(typeof(FunctionCallArgumentsDoneEvent))]
[JsonSerializable(typeof(ReasoningSummaryPartEvent))]
[JsonSerializable(typeof(ReasoningSummaryTextDeltaEvent))]
[JsonSerializable(typeof(ReasoningSummaryTextDoneEvent))]
[JsonSerializable(typeof(ErrorEvent))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
