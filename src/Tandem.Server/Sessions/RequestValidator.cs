using System.Text.Json;
using System.Text.RegularExpressions;
using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>
/// Checks a request the way the Responses API does, with its error codes and messages, before any
/// event is sent: a refused request changes nothing.
/// </summary>
internal static partial class RequestValidator
{
    private const int MaxMetadataPairs = 16;
    private const int MaxMetadataKeyLength = 64;
    private const int MaxMetadataValueLength = 512;
    private const int MaxToolNameLength = 64;
    private const int MinCompactThreshold = 1000;

    public static void Validate(ResponseCreateRequest request, Transport transport)
    {
        if (string.IsNullOrEmpty(request.Model))
        {
            throw ProtocolException.BadRequest("Missing required parameter: 'model'.", ErrorCodes.MissingRequiredParameter, "model");
        }

        if (transport == Transport.Http)
        {
            if (request.StreamId is not null)
            {
                throw UnknownParameter("stream_id");
            }

            if (request.Generate is not null)
            {
                throw UnknownParameter("generate");
            }

            if (request.Type is not null)
            {
                throw UnknownParameter("type");
            }

            if (request.Background == true)
            {
                throw ProtocolException.BadRequest("Background responses are not supported by this server.", ErrorCodes.UnsupportedValue, "background");
            }
        }
        else
        {
            if (request.Background == true)
            {
                throw ProtocolException.BadRequest("Background mode is not supported in WebSocket mode. Use HTTP for background responses.", ErrorCodes.UnsupportedValue, "background");
            }

            if (request.StreamId is { } lane && !IsValidStreamId(lane))
            {
                throw ProtocolException.BadRequest(
                    $"Invalid 'stream_id': '{Truncate(lane)}'. Expected 1 to 256 characters from A-Z, a-z, 0-9, '_', '.' and '-'.",
                    ErrorCodes.InvalidStreamId,
                    "stream_id");
            }
        }

        if (request.PreviousResponseId is not null && request.Conversation is { ValueKind: not JsonValueKind.Null })
        {
            throw ProtocolException.BadRequest(
                "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
                "mutually_exclusive_parameters",
                "previous_response_id");
        }

        if (request.Conversation is { ValueKind: not JsonValueKind.Null })
        {
            throw ProtocolException.BadRequest("Conversations are not supported by this server; chain with 'previous_response_id'.", ErrorCodes.UnsupportedValue, "conversation");
        }

        if (request.Temperature is { } t && (t < 0 || t > 2))
        {
            throw t < 0
                ? ProtocolException.BadRequest($"Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got {t} instead.", "decimal_below_min_value", "temperature")
                : ProtocolException.BadRequest($"Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got {t} instead.", "decimal_above_max_value", "temperature");
        }

        if (request.TopP is { } p && (p < 0 || p > 1))
        {
            throw ProtocolException.BadRequest($"Invalid 'top_p': decimal out of range. Expected a value between 0 and 1, but got {p} instead.", ErrorCodes.InvalidValue, "top_p");
        }

        if (request.MaxOutputTokens is { } max && max < 16)
        {
            throw ProtocolException.BadRequest($"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {max} instead.", "integer_below_min_value", "max_output_tokens");
        }

        ValidateMetadata(request.Metadata);
        ValidateTools(request.Tools);
        ValidateInput(request.Input);
    }

    public static bool IsValidStreamId(string id) => StreamIdPattern().IsMatch(id);

    /// <summary>
    /// Reads <c>context_management</c>: the compaction threshold it asks for (<paramref name="defaultThreshold"/>
    /// when an entry names none), or <see langword="null"/> when the request asks for no compaction.
    /// </summary>
    public static int? CompactionThreshold(ResponseCreateRequest request, bool enabled, int defaultThreshold)
    {
        if (request.ContextManagement is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }

        if (!enabled)
        {
            throw UnknownParameter("context_management");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ProtocolException.BadRequest(
                $"Invalid type for 'context_management': expected an array of objects, but got {Describe(value.ValueKind)} instead.",
                ErrorCodes.InvalidType,
                "context_management");
        }

        int? threshold = null;
        var i = 0;
        foreach (var entry in value.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw ProtocolException.BadRequest(
                    $"Invalid type for 'context_management[{i}]': expected an object, but got {Describe(entry.ValueKind)} instead.",
                    ErrorCodes.InvalidType,
                    $"context_management[{i}]");
            }

            if (!entry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw ProtocolException.BadRequest($"Missing required parameter: 'context_management[{i}].type'.", ErrorCodes.MissingRequiredParameter, $"context_management[{i}].type");
            }

            if (type.GetString() != "compaction")
            {
                throw ProtocolException.BadRequest(
                    $"Invalid value: '{Truncate(type.GetString()!)}'. Supported values are: 'compaction'.",
                    ErrorCodes.InvalidValue,
                    $"context_management[{i}].type");
            }

            var entryThreshold = defaultThreshold;
            if (entry.TryGetProperty("compact_threshold", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out entryThreshold))
                {
                    throw ProtocolException.BadRequest(
                        $"Invalid type for 'context_management[{i}].compact_threshold': expected an integer, but got {Describe(t.ValueKind)} instead.",
                        ErrorCodes.InvalidType,
                        $"context_management[{i}].compact_threshold");
                }

                if (entryThreshold < MinCompactThreshold)
                {
                    throw ProtocolException.BadRequest(
                        $"Invalid 'context_management[{i}].compact_threshold': integer below minimum value. Expected a value >= {MinCompactThreshold}, but got {entryThreshold} instead.",
                        "integer_below_min_value",
                        $"context_management[{i}].compact_threshold");
                }
            }

            threshold = threshold is { } earlier ? Math.Min(earlier, entryThreshold) : entryThreshold;
            i++;
        }

        return threshold;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static void ValidateMetadata(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MaxMetadataPairs)
        {
            throw ProtocolException.BadRequest(
                $"Invalid 'metadata': too many properties. Expected an object with at most {MaxMetadataPairs} properties, but got an object with {metadata.Count} properties instead.",
                "object_above_max_properties",
                "metadata");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > MaxMetadataKeyLength)
            {
                throw ProtocolException.BadRequest(
                    $"Invalid 'metadata': key '{Truncate(key)}' is too long. Expected at most {MaxMetadataKeyLength} characters, but got {key.Length}.",
                    "string_above_max_length",
                    "metadata");
            }

            if (value.Length > MaxMetadataValueLength)
            {
                throw ProtocolException.BadRequest(
                    $"Invalid 'metadata.{Truncate(key)}': string too long. Expected a string with maximum length {MaxMetadataValueLength}, but got a string with length {value.Length} instead.",
                    "string_above_max_length",
                    $"metadata.{key}");
            }
        }
    }

    private static void ValidateTools(List<ResponseTool>? tools)
    {
        if (tools is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (!tool.IsFunction)
            {
                continue; // built-in tools are accepted and never called by the local backends
            }

            if (string.IsNullOrEmpty(tool.Name))
            {
                throw ProtocolException.BadRequest($"Missing required parameter: 'tools[{i}].name'.", ErrorCodes.MissingRequiredParameter, $"tools[{i}].name");
            }

            if (tool.Name.Length > MaxToolNameLength)
            {
                throw ProtocolException.BadRequest(
                    $"Invalid 'tools[{i}].name': string too long. Expected a string with maximum length {MaxToolNameLength}, but got a string with length {tool.Name.Length} instead.",
                    "string_above_max_length",
                    $"tools[{i}].name");
            }

            if (!ToolNamePattern().IsMatch(tool.Name))
            {
                throw ProtocolException.BadRequest(
                    $"Invalid 'tools[{i}].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                    ErrorCodes.InvalidValue,
                    $"tools[{i}].name");
            }

            if (!names.Add(tool.Name))
            {
                throw ProtocolException.BadRequest($"Duplicate tool name '{tool.Name}' in 'tools'.", ErrorCodes.InvalidValue, $"tools[{i}].name");
            }

            if (tool.Strict == true && tool.Parameters is { } schema && StrictSchema.FindViolation(schema) is { } violation)
            {
                throw ProtocolException.BadRequest(
                    $"Invalid schema for function '{tool.Name}': {violation}",
                    "invalid_function_parameters",
                    $"tools[{i}].parameters");
            }
        }
    }

    private static void ValidateInput(ResponseInput? input)
    {
        if (input?.Items is not { } items)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            switch (items[i])
            {
                case MessageItem m when m.Role is not ("user" or "assistant" or "system" or "developer"):
                    throw ProtocolException.BadRequest(
                        $"Invalid value: '{m.Role}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.",
                        ErrorCodes.InvalidValue,
                        $"input[{i}].role");
                case FunctionCallOutputItem o when string.IsNullOrEmpty(o.CallId):
                    throw ProtocolException.BadRequest($"Missing required parameter: 'input[{i}].call_id'.", ErrorCodes.MissingRequiredParameter, $"input[{i}].call_id");
                case FunctionCallItem f when string.IsNullOrEmpty(f.CallId) || string.IsNullOrEmpty(f.Name):
                    throw ProtocolException.BadRequest(
                        $"Missing required parameter: 'input[{i}].{(string.IsNullOrEmpty(f.CallId) ? "call_id" : "name")}'.",
                        ErrorCodes.MissingRequiredParameter,
                        $"input[{i}].{(string.IsNullOrEmpty(f.CallId) ? "call_id" : "name")}");
                case UnknownResponseItem { Type: null }:
                    throw ProtocolException.BadRequest($"Missing required parameter: 'input[{i}].type'.", ErrorCodes.MissingRequiredParameter, $"input[{i}].type");
            }
        }
    }

    private static ProtocolException UnknownParameter(string name) =>
        ProtocolException.BadRequest($"Unknown parameter: '{name}'.", ErrorCodes.UnknownParameter, name);

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,256}$")]
    private static partial Regex StreamIdPattern();

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex ToolNamePattern();
}
