using System.Text.Json;

namespace Tandem.Responses.Protocol.Json;

/// <summary>
/// The response object of a terminal event (and of an opening event, when first read), read in one
/// pass. Through the serializer it was read about two and a half times: once to find its end, and
/// again inside for every nested object read on its own (usage and its details, each item, the
/// composite fields), which made <c>response.completed</c> the costliest event of a turn.
/// </summary>
internal static partial class FastEventReader
{
    [Flags]
    private enum ResponseField : ulong
    {
        None = 0,
        Id = 1UL << 0,
        Object = 1UL << 1,
        CreatedAt = 1UL << 2,
        Status = 1UL << 3,
        Background = 1UL << 4,
        CompletedAt = 1UL << 5,
        Error = 1UL << 6,
        IncompleteDetails = 1UL << 7,
        Instructions = 1UL << 8,
        MaxOutputTokens = 1UL << 9,
        MaxToolCalls = 1UL << 10,
        Model = 1UL << 11,
        Output = 1UL << 12,
        ParallelToolCalls = 1UL << 13,
        PreviousResponseId = 1UL << 14,
        PromptCacheKey = 1UL << 15,
        Reasoning = 1UL << 16,
        SafetyIdentifier = 1UL << 17,
        ServiceTier = 1UL << 18,
        Store = 1UL << 19,
        Temperature = 1UL << 20,
        Text = 1UL << 21,
        ToolChoice = 1UL << 22,
        Tools = 1UL << 23,
        TopP = 1UL << 24,
        Truncation = 1UL << 25,
        Usage = 1UL << 26,
        User = 1UL << 27,
        PromptCacheRetention = 1UL << 28,
        TopLogprobs = 1UL << 29,
        Metadata = 1UL << 30,
    }

    /// <summary>
    /// Whether the reader types the response field <paramref name="name"/> (any other field it keeps
    /// raw, as extension data). For a test: every property of <see cref="ResponseObject"/> must be typed.
    /// </summary>
    internal static bool TypesResponseField(string name) => ResponseName(System.Text.Encoding.UTF8.GetBytes(name)) != ResponseField.None;

    /// <summary>
    /// Reads exactly one response object from <paramref name="utf8"/>, or null when it is not in a
    /// shape this reader takes (the serializer then reads it, with its result or its error).
    /// </summary>
    internal static ResponseObject? TryReadResponse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadResponse(ref reader, utf8) is { } response && !reader.Read()
                ? response
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The response object the reader is on (its <c>{</c>; <paramref name="utf8"/> is the reader's whole
    /// input), ending on its <c>}</c>; or null, with the reader anywhere, for a repeated or escaped
    /// name, or a value of another kind than the field's.
    /// </summary>
    private static ResponseObject? ReadResponse(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var response = new ResponseObject();
        var seen = ResponseField.None;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return response;
            }

            if (reader.ValueIsEscaped)
            {
                return null;
            }

            var field = ResponseName(reader.ValueSpan);
            var name = field == ResponseField.None ? reader.GetString() : null;
            if ((field & seen) != 0)
            {
                return null;
            }

            seen |= field;
            reader.Read();
            var kind = reader.TokenType;
            var isNull = kind == JsonTokenType.Null;
            switch (field)
            {
                case ResponseField.Id when kind == JsonTokenType.String:
                    response.Id = RepeatedStringConverter.ReadShared(ref reader)!;
                    break;
                case ResponseField.Model when kind == JsonTokenType.String:
                    response.Model = RepeatedStringConverter.ReadShared(ref reader)!;
                    break;
                case ResponseField.Object when kind == JsonTokenType.String:
                    response.Object = KnownStringConverter.ReadKnown(ref reader)!;
                    break;
                case ResponseField.Status when kind == JsonTokenType.String:
                    response.Status = KnownStringConverter.ReadKnown(ref reader)!;
                    break;
                case ResponseField.ServiceTier when kind == JsonTokenType.String || isNull:
                    response.ServiceTier = KnownStringConverter.ReadKnown(ref reader);
                    break;
                case ResponseField.Truncation when kind == JsonTokenType.String || isNull:
                    response.Truncation = KnownStringConverter.ReadKnown(ref reader);
                    break;
                case ResponseField.PromptCacheRetention when kind == JsonTokenType.String || isNull:
                    response.PromptCacheRetention = KnownStringConverter.ReadKnown(ref reader);
                    break;
                case ResponseField.Instructions when kind == JsonTokenType.String || isNull:
                    response.Instructions = reader.GetString();
                    break;
                case ResponseField.PreviousResponseId when kind == JsonTokenType.String || isNull:
                    response.PreviousResponseId = reader.GetString();
                    break;
                case ResponseField.PromptCacheKey when kind == JsonTokenType.String || isNull:
                    response.PromptCacheKey = reader.GetString();
                    break;
                case ResponseField.SafetyIdentifier when kind == JsonTokenType.String || isNull:
                    response.SafetyIdentifier = reader.GetString();
                    break;
                case ResponseField.User when kind == JsonTokenType.String || isNull:
                    response.User = reader.GetString();
                    break;
                case ResponseField.CreatedAt when kind == JsonTokenType.Number && reader.TryGetInt64(out var createdAt):
                    response.CreatedAt = createdAt;
                    break;
                case ResponseField.CompletedAt when TryGetInt64OrNull(ref reader, out var completedAt):
                    response.CompletedAt = completedAt;
                    break;
                case ResponseField.MaxOutputTokens when TryGetInt32OrNull(ref reader, out var maxOutputTokens):
                    response.MaxOutputTokens = maxOutputTokens;
                    break;
                case ResponseField.MaxToolCalls when TryGetInt32OrNull(ref reader, out var maxToolCalls):
                    response.MaxToolCalls = maxToolCalls;
                    break;
                case ResponseField.TopLogprobs when TryGetInt32OrNull(ref reader, out var topLogprobs):
                    response.TopLogprobs = topLogprobs;
                    break;
                case ResponseField.Temperature when TryGetDoubleOrNull(ref reader, out var temperature):
                    response.Temperature = temperature;
                    break;
                case ResponseField.TopP when TryGetDoubleOrNull(ref reader, out var topP):
                    response.TopP = topP;
                    break;
                case ResponseField.Background when isNull:
                    response.Background = null;
                    break;
                case ResponseField.Background when kind is JsonTokenType.True or JsonTokenType.False:
                    response.Background = kind == JsonTokenType.True;
                    break;
                case ResponseField.ParallelToolCalls when kind is JsonTokenType.True or JsonTokenType.False:
                    response.ParallelToolCalls = kind == JsonTokenType.True;
                    break;
                case ResponseField.Store when kind is JsonTokenType.True or JsonTokenType.False:
                    response.Store = kind == JsonTokenType.True;
                    break;
                case ResponseField.Reasoning:
                    response.Reasoning = isNull ? null : RawJsonElementConverter.ReadValue(ref reader);
                    break;
                case ResponseField.Text:
                    response.Text = isNull ? null : RawJsonElementConverter.ReadValue(ref reader);
                    break;
                case ResponseField.ToolChoice:
                    response.ToolChoice = isNull ? null : RawJsonElementConverter.ReadValue(ref reader);
                    break;
                case ResponseField.Error when isNull:
                    response.Error = null;
                    break;
                case ResponseField.Error when kind == JsonTokenType.StartObject:
                    response.Error = JsonSerializer.Deserialize(ref reader, ProtocolJson.Info<ResponseError>());
                    break;
                case ResponseField.IncompleteDetails when isNull:
                    response.IncompleteDetails = null;
                    break;
                case ResponseField.IncompleteDetails when kind == JsonTokenType.StartObject:
                    response.IncompleteDetails = JsonSerializer.Deserialize(ref reader, ProtocolJson.Info<IncompleteDetails>());
                    break;
                case ResponseField.Usage when isNull:
                    response.Usage = null;
                    break;
                case ResponseField.Usage when kind == JsonTokenType.StartObject:
                    if (ReadUsage(ref reader) is not { } usage)
                    {
                        return null;
                    }

                    response.Usage = usage;
                    break;
                case ResponseField.Output when kind == JsonTokenType.StartArray:
                    if (ReadOutput(ref reader, utf8) is not { } output)
                    {
                        return null;
                    }

                    response.Output = output;
                    break;
                case ResponseField.Tools when kind == JsonTokenType.StartArray:
                    response.Tools = IsolatedListConverter<ResponseTool>.ReadList(ref reader, ProtocolJson.Options);
                    break;
                case ResponseField.Metadata when kind == JsonTokenType.StartObject:
                    var probe = reader; // a copy: the common {} is left to the property's default
                    if (probe.Read() && probe.TokenType == JsonTokenType.EndObject)
                    {
                        reader = probe;
                    }
                    else
                    {
                        response.Metadata = JsonSerializer.Deserialize(ref reader, ProtocolJson.Info<Dictionary<string, string>>())!;
                    }

                    break;
                case ResponseField.None:
                    // A field this model does not type: kept raw, as the serializer keeps it.
                    var extension = response.ExtensionData ??= [];
                    if (!extension.TryAdd(name!, RawJsonElementConverter.ReadValue(ref reader)))
                    {
                        return null;
                    }

                    break;
                default:
                    return null; // a value of another kind: the serializer's, with its error
            }
        }
    }

    private delegate bool NumberGetter<T>(ref Utf8JsonReader reader, out T value);

    private static bool TryGetInt32OrNull(ref Utf8JsonReader reader, out int? value) =>
        TryGetNumberOrNull(ref reader, static (ref Utf8JsonReader r, out int v) => r.TryGetInt32(out v), out value);

    private static bool TryGetInt64OrNull(ref Utf8JsonReader reader, out long? value) =>
        TryGetNumberOrNull(ref reader, static (ref Utf8JsonReader r, out long v) => r.TryGetInt64(out v), out value);

    private static bool TryGetDoubleOrNull(ref Utf8JsonReader reader, out double? value) =>
        TryGetNumberOrNull(ref reader, static (ref Utf8JsonReader r, out double v) => r.TryGetDouble(out v), out value);

    // A number of the field's kind or null, as the serializer reads a nullable number (false: another kind).
    private static bool TryGetNumberOrNull<T>(ref Utf8JsonReader reader, NumberGetter<T> get, out T? value)
        where T : struct
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number || !get(ref reader, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>The items of <c>output</c>: messages of plain text parts scanned, every other item read as the serializer reads it.</summary>
    private static List<ResponseItem>? ReadOutput(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var items = new List<ResponseItem>();
        var info = ProtocolJson.Info<ResponseItem>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var pos = (int)reader.TokenStartIndex;
            if (TryScanMessageItem(utf8, ref pos) is { } message)
            {
                reader.Skip(); // checks the scanned object as JSON on the way
                items.Add(message);
                continue;
            }

            items.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return items;
    }

    /// <summary>Usage with its two details objects: integer counts, other fields kept raw.</summary>
    private static ResponseUsage? ReadUsage(ref Utf8JsonReader reader)
    {
        var usage = new ResponseUsage();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }

            var name = reader.ValueSpan;
            var bit = name.SequenceEqual("input_tokens"u8) ? 1
                : name.SequenceEqual("output_tokens"u8) ? 2
                : name.SequenceEqual("total_tokens"u8) ? 4
                : name.SequenceEqual("input_tokens_details"u8) ? 8
                : name.SequenceEqual("output_tokens_details"u8) ? 16
                : 0;
            var other = bit == 0 ? reader.GetString()! : null;
            if ((seen & bit) != 0 || !reader.Read())
            {
                return null;
            }

            seen |= bit;
            switch (bit)
            {
                case 0:
                    if (!(usage.ExtensionData ??= []).TryAdd(other!, RawJsonElementConverter.ReadValue(ref reader)))
                    {
                        return null;
                    }

                    break;
                case 1 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var input):
                    usage.InputTokens = input;
                    break;
                case 2 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var output):
                    usage.OutputTokens = output;
                    break;
                case 4 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var total):
                    usage.TotalTokens = total;
                    break;
                case 8 when ReadDetails(ref reader, "cached_tokens"u8, out var cached, out var inputExtension):
                    usage.InputTokensDetails = new InputTokensDetails { CachedTokens = cached, ExtensionData = inputExtension };
                    break;
                case 16 when ReadDetails(ref reader, "reasoning_tokens"u8, out var reasoning, out var outputExtension):
                    usage.OutputTokensDetails = new OutputTokensDetails { ReasoningTokens = reasoning, ExtensionData = outputExtension };
                    break;
                default:
                    return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? usage : null;
    }

    /// <summary>A details object: the count <paramref name="name"/> names (0 when absent), other fields kept raw.</summary>
    private static bool ReadDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, out int count, out Dictionary<string, JsonElement>? extension)
    {
        count = 0;
        extension = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            if (reader.ValueSpan.SequenceEqual(name))
            {
                if (seen || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out count))
                {
                    return false;
                }

                seen = true;
                continue;
            }

            var other = reader.GetString()!;
            if (!reader.Read() || !(extension ??= []).TryAdd(other, RawJsonElementConverter.ReadValue(ref reader)))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static ResponseField ResponseName(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => ResponseField.Id,
        4 when name.SequenceEqual("text"u8) => ResponseField.Text,
        4 when name.SequenceEqual("user"u8) => ResponseField.User,
        5 when name.SequenceEqual("error"u8) => ResponseField.Error,
        5 when name.SequenceEqual("model"u8) => ResponseField.Model,
        5 when name.SequenceEqual("store"u8) => ResponseField.Store,
        5 when name.SequenceEqual("top_p"u8) => ResponseField.TopP,
        5 when name.SequenceEqual("usage"u8) => ResponseField.Usage,
        5 when name.SequenceEqual("tools"u8) => ResponseField.Tools,
        6 when name.SequenceEqual("object"u8) => ResponseField.Object,
        6 when name.SequenceEqual("status"u8) => ResponseField.Status,
        6 when name.SequenceEqual("output"u8) => ResponseField.Output,
        8 when name.SequenceEqual("metadata"u8) => ResponseField.Metadata,
        9 when name.SequenceEqual("reasoning"u8) => ResponseField.Reasoning,
        10 when name.SequenceEqual("created_at"u8) => ResponseField.CreatedAt,
        10 when name.SequenceEqual("background"u8) => ResponseField.Background,
        10 when name.SequenceEqual("truncation"u8) => ResponseField.Truncation,
        11 when name.SequenceEqual("temperature"u8) => ResponseField.Temperature,
        11 when name.SequenceEqual("tool_choice"u8) => ResponseField.ToolChoice,
        12 when name.SequenceEqual("completed_at"u8) => ResponseField.CompletedAt,
        12 when name.SequenceEqual("instructions"u8) => ResponseField.Instructions,
        12 when name.SequenceEqual("service_tier"u8) => ResponseField.ServiceTier,
        12 when name.SequenceEqual("top_logprobs"u8) => ResponseField.TopLogprobs,
        14 when name.SequenceEqual("max_tool_calls"u8) => ResponseField.MaxToolCalls,
        16 when name.SequenceEqual("prompt_cache_key"u8) => ResponseField.PromptCacheKey,
        17 when name.SequenceEqual("safety_identifier"u8) => ResponseField.SafetyIdentifier,
        17 when name.SequenceEqual("max_output_tokens"u8) => ResponseField.MaxOutputTokens,
        18 when name.SequenceEqual("incomplete_details"u8) => ResponseField.IncompleteDetails,
        19 when name.SequenceEqual("parallel_tool_calls"u8) => ResponseField.ParallelToolCalls,
        20 when name.SequenceEqual("previous_response_id"u8) => ResponseField.PreviousResponseId,
        22 when name.SequenceEqual("prompt_cache_retention"u8) => ResponseField.PromptCacheRetention,
        _ => ResponseField.None,
    };
}
