using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>Dispatches stream events on <c>type</c>; unknown event types become <see cref="UnknownStreamEvent"/>.</summary>
public sealed class ResponseStreamEventConverter : JsonConverter<ResponseStreamEvent>
{
    public override ResponseStreamEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An event must be a JSON object, not {reader.TokenType}.");
        }

        var (type, _) = JsonTypePeek.Peek(reader);
        return type switch
        {
            ResponseEventTypes.Created or ResponseEventTypes.InProgress or ResponseEventTypes.Queued
                or ResponseEventTypes.Completed or ResponseEventTypes.Failed or ResponseEventTypes.Incomplete
                => Deserialize<ResponseLifecycleEvent>(ref reader, options),
            ResponseEventTypes.OutputItemAdded or ResponseEventTypes.OutputItemDone => Deserialize<OutputItemEvent>(ref reader, options),
            ResponseEventTypes.ContentPartAdded or ResponseEventTypes.ContentPartDone => Deserialize<ContentPartEvent>(ref reader, options),
            ResponseEventTypes.OutputTextDelta => Deserialize<OutputTextDeltaEvent>(ref reader, options),
            ResponseEventTypes.OutputTextDone => Deserialize<OutputTextDoneEvent>(ref reader, options),
            ResponseEventTypes.OutputTextAnnotationAdded => Deserialize<OutputTextAnnotationAddedEvent>(ref reader, options),
            ResponseEventTypes.RefusalDelta => Deserialize<RefusalDeltaEvent>(ref reader, options),
            ResponseEventTypes.RefusalDone => Deserialize<RefusalDoneEvent>(ref reader, options),
            ResponseEventTypes.FunctionCallArgumentsDelta => Deserialize<FunctionCallArgumentsDeltaEvent>(ref reader, options),
            ResponseEventTypes.FunctionCallArgumentsDone => Deserialize<FunctionCallArgumentsDoneEvent>(ref reader, options),
            ResponseEventTypes.ReasoningSummaryPartAdded or ResponseEventTypes.ReasoningSummaryPartDone => Deserialize<ReasoningSummaryPartEvent>(ref reader, options),
            ResponseEventTypes.ReasoningSummaryTextDelta => Deserialize<ReasoningSummaryTextDeltaEvent>(ref reader, options),
            ResponseEventTypes.ReasoningSummaryTextDone => Deserialize<ReasoningSummaryTextDoneEvent>(ref reader, options),
            ResponseEventTypes.Error => Deserialize<ErrorEvent>(ref reader, options),
            _ => new UnknownStreamEvent(JsonElement.ParseValue(ref reader)),
        };
    }

    public override void Write(Utf8JsonWriter writer, ResponseStreamEvent value, JsonSerializerOptions options)
    {
        if (value is UnknownStreamEvent unknown)
        {
            unknown.Raw.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }

    private static T Deserialize<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
        where T : ResponseStreamEvent =>
        JsonSerializer.Deserialize(ref reader, TypeInfoCache<T>.Get(options)) ?? throw new JsonException("Event is null.");
}
