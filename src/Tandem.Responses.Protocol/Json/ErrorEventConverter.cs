using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Reads every observed shape of the <c>error</c> event (flat, envelope, <c>status_code</c>,
/// top-level <c>headers</c>) and writes the flat or the envelope form.
/// </summary>
public sealed class ErrorEventConverter : JsonConverter<ErrorEvent>
{
    public override ErrorEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("An error event must be a JSON object.");
        }

        var e = new ErrorEvent();
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "type":
                    e.Type = p.Value.GetString() ?? ResponseEventTypes.Error;
                    break;
                case "sequence_number" when p.Value.ValueKind == JsonValueKind.Number:
                    e.SequenceNumber = p.Value.GetInt32();
                    break;
                case "stream_id" when p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    e.StreamId = p.Value.GetString();
                    break;
                case "status" or "status_code" when p.Value.ValueKind == JsonValueKind.Number:
                    e.Status = p.Value.GetInt32();
                    break;
                case "error" when p.Value.ValueKind == JsonValueKind.Object:
                    e.Error = p.Value.Deserialize((JsonTypeInfo<ApiError>)options.GetTypeInfo(typeof(ApiError)));
                    break;
                case "code" when p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    e.Code = p.Value.GetString();
                    break;
                case "message" when p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    e.Message = p.Value.GetString();
                    break;
                case "param" when p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    e.Param = p.Value.GetString();
                    break;
                case "headers" when p.Value.ValueKind == JsonValueKind.Object:
                    e.Headers = p.Value.Deserialize((JsonTypeInfo<Dictionary<string, string>>)options.GetTypeInfo(typeof(Dictionary<string, string>)));
                    break;
                default:
                    (e.ExtensionData ??= [])[p.Name] = p.Value.Clone();
                    break;
            }
        }

        return e;
    }

    public override void Write(Utf8JsonWriter writer, ErrorEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, value.Type);
        if (value.Error is not null)
        {
            if (value.Status is { } status)
            {
                writer.WriteNumber("status"u8, status);
            }

            if (value.StreamId is not null)
            {
                writer.WriteString("stream_id"u8, value.StreamId);
            }

            writer.WritePropertyName("error"u8);
            JsonSerializer.Serialize(writer, value.Error, (JsonTypeInfo<ApiError>)options.GetTypeInfo(typeof(ApiError)));
            if (value.SequenceNumber is { } seq)
            {
                writer.WriteNumber("sequence_number"u8, seq);
            }
        }
        else
        {
            if (value.SequenceNumber is { } seq)
            {
                writer.WriteNumber("sequence_number"u8, seq);
            }

            if (value.Status is { } status)
            {
                writer.WriteNumber("status"u8, status);
            }

            if (value.StreamId is not null)
            {
                writer.WriteString("stream_id"u8, value.StreamId);
            }

            writer.WriteString("code"u8, value.Code);
            writer.WriteString("message"u8, value.Message ?? string.Empty);
            writer.WriteString("param"u8, value.Param);
        }

        if (value.Headers is not null)
        {
            writer.WritePropertyName("headers"u8);
            JsonSerializer.Serialize(writer, value.Headers, (JsonTypeInfo<Dictionary<string, string>>)options.GetTypeInfo(typeof(Dictionary<string, string>)));
        }

        if (value.ExtensionData is not null)
        {
            foreach (var (k, v) in value.ExtensionData)
            {
                writer.WritePropertyName(k);
                v.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
