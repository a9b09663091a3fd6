using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// Finds an object's <c>type</c> discriminator wherever it sits, without consuming the caller's reader.
/// </summary>
internal static class JsonTypePeek
{
    // The discriminators seen on every stream: matched in place so peeking allocates no string.
    private static readonly (byte[] Utf8, string Value)[] KnownTypes = new[]
    {
        ResponseEventTypes.OutputTextDelta, ResponseEventTypes.FunctionCallArgumentsDelta, ResponseEventTypes.ReasoningSummaryTextDelta,
        ResponseEventTypes.OutputItemAdded, ResponseEventTypes.OutputItemDone, ResponseEventTypes.ContentPartAdded, ResponseEventTypes.ContentPartDone,
        ResponseEventTypes.OutputTextDone, ResponseEventTypes.FunctionCallArgumentsDone, ResponseEventTypes.Created, ResponseEventTypes.InProgress,
        ResponseEventTypes.Completed, ResponseEventTypes.ReasoningSummaryPartAdded, ResponseEventTypes.ReasoningSummaryPartDone,
        ResponseEventTypes.ReasoningSummaryTextDone, ResponseEventTypes.Error, ItemTypes.Message, ItemTypes.FunctionCall,
        ItemTypes.FunctionCallOutput, ItemTypes.Reasoning, ResponseEventTypes.Queued, ResponseEventTypes.Failed,
        ResponseEventTypes.Incomplete,
    }.Select(t => (System.Text.Encoding.UTF8.GetBytes(t), t)).ToArray();

    internal static string? Known(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return null;
        }

        foreach (var (utf8, value) in KnownTypes)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Scans a copy of <paramref name="reader"/> (positioned on StartObject) for <c>type</c> and <c>role</c>.</summary>
    public static (string? Type, bool HasRole) Peek(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, false);
        }

        var depth = reader.CurrentDepth;
        var hasRole = false;
        string? type = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isType = reader.ValueTextEquals("type"u8);
            var isRole = !isType && reader.ValueTextEquals("role"u8);
            reader.Read();
            if (isType)
            {
                type = reader.TokenType == JsonTokenType.String ? Known(ref reader) ?? reader.GetString() : null;
                if (hasRole || type is not null)
                {
                    // The type alone decides dispatch; role only matters when type is absent.
                    return (type, hasRole);
                }
            }
            else if (isRole)
            {
                hasRole = true;
            }

            reader.Skip();
        }

        return (type, hasRole);
    }
}
