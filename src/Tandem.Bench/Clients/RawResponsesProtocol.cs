using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// The little of the Responses protocol the raw runners (<see cref="RawHttpBenchClient"/>,
/// <see cref="RawWebSocketBenchClient"/>) need, by hand: request bodies written with
/// <see cref="Utf8JsonWriter"/>, and events read with <see cref="Utf8JsonReader"/> only where the
/// tool loop cannot do without — the function-call item of <c>response.output_item.done</c>, the
/// id and usage of <c>response.completed</c>, the text of <c>response.output_text.done</c> (the
/// final answer) and the message of a failure. No typed models, no DOM on the happy path.
/// </summary>
internal static class RawResponsesProtocol
{
    /// <summary>Writer options of the raw runners: no validation, no escaping beyond what JSON needs.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>
    /// The scenario's tools as the <c>tools</c> array (strict function tools), written once per
    /// scenario and copied into each request as it is.
    /// </summary>
    public static byte[] ToolsJson(BenchScenario scenario)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var tool in scenario.Tools)
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "function"u8);
                json.WriteString("name"u8, tool.Name);
                if (tool.Description is { } description)
                {
                    json.WriteString("description"u8, description);
                }

                json.WritePropertyName("parameters"u8);
                tool.Parameters!.Value.WriteTo(json);
                json.WriteBoolean("strict"u8, true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes one request: over HTTP <c>{"model",...,"stream":true}</c>, over WebSocket the
    /// <c>response.create</c> event (streaming is implied there). The input is the user prompt on the
    /// first turn, afterwards the outputs of the previous turn's calls, in call order.
    /// </summary>
    public static void WriteRequest(
        Utf8JsonWriter json,
        bool webSocket,
        string model,
        string? previousResponseId,
        string? prompt,
        IReadOnlyList<RawFunctionCall> calls,
        IReadOnlyList<string> outputs,
        ReadOnlySpan<byte> toolsJson)
    {
        json.WriteStartObject();
        if (webSocket)
        {
            json.WriteString("type"u8, "response.create"u8);
        }

        json.WriteString("model"u8, model);
        if (previousResponseId is not null)
        {
            json.WriteString("previous_response_id"u8, previousResponseId);
        }

        json.WriteStartArray("input"u8);
        if (prompt is not null)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "message"u8);
            json.WriteString("role"u8, "user"u8);
            json.WriteString("content"u8, prompt);
            json.WriteEndObject();
        }

        for (var i = 0; i < calls.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "function_call_output"u8);
            json.WriteString("call_id"u8, calls[i].CallId);
            json.WriteString("output"u8, outputs[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("tools"u8);
        json.WriteRawValue(toolsJson, skipInputValidation: true);
        if (!webSocket)
        {
            json.WriteBoolean("stream"u8, true);
        }

        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>The kind of an SSE event, from its <c>event:</c> name (no JSON read).</summary>
    public static RawEventKind KindOf(string eventType) => eventType switch
    {
        "response.output_item.added" => RawEventKind.OutputItemAdded,
        "response.output_text.delta" => RawEventKind.TextDelta,
        "response.output_item.done" => RawEventKind.OutputItemDone,
        "response.output_text.done" => RawEventKind.TextDone,
        "response.completed" => RawEventKind.Completed,
        "response.failed" or "response.incomplete" or "error" => RawEventKind.Failed,
        _ => RawEventKind.Other,
    };

    /// <summary>The kind of a WebSocket event, from its top-level <c>type</c> (compared as bytes; nothing else read).</summary>
    public static RawEventKind KindOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return RawEventKind.Other;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("type"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            return reader.ValueTextEquals("response.output_item.added"u8) ? RawEventKind.OutputItemAdded
                : reader.ValueTextEquals("response.output_text.delta"u8) ? RawEventKind.TextDelta
                : reader.ValueTextEquals("response.output_item.done"u8) ? RawEventKind.OutputItemDone
                : reader.ValueTextEquals("response.output_text.done"u8) ? RawEventKind.TextDone
                : reader.ValueTextEquals("response.completed"u8) ? RawEventKind.Completed
                : reader.ValueTextEquals("response.failed"u8) || reader.ValueTextEquals("response.incomplete"u8) || reader.ValueTextEquals("error"u8) ? RawEventKind.Failed
                : RawEventKind.Other;
        }

        return RawEventKind.Other;
    }

    /// <summary>The function call of a <c>response.output_item.done</c>, if its item is one.</summary>
    public static bool TryReadFunctionCall(ReadOnlySpan<byte> json, out RawFunctionCall call)
    {
        call = default;
        var reader = new Utf8JsonReader(json);
        if (!MoveToObject(ref reader, "item"u8))
        {
            return false;
        }

        string? callId = null, name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (!reader.ValueTextEquals("function_call"u8))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("call_id"u8))
            {
                reader.Read();
                callId = reader.GetString();
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                arguments = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (callId is null || name is null)
        {
            return false;
        }

        call = new RawFunctionCall(callId, name, arguments ?? "{}");
        return true;
    }

    /// <summary>The response id and token usage of a <c>response.completed</c>.</summary>
    public static RawCompletion ReadCompletion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? id = null;
        int input = 0, cached = 0, output = 0;
        if (MoveToObject(ref reader, "response"u8))
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        continue;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("input_tokens"u8))
                        {
                            reader.Read();
                            input = reader.GetInt32();
                        }
                        else if (reader.ValueTextEquals("output_tokens"u8))
                        {
                            reader.Read();
                            output = reader.GetInt32();
                        }
                        else if (reader.ValueTextEquals("input_tokens_details"u8))
                        {
                            reader.Read();
                            if (reader.TokenType != JsonTokenType.StartObject)
                            {
                                continue;
                            }

                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                if (reader.ValueTextEquals("cached_tokens"u8))
                                {
                                    reader.Read();
                                    cached = reader.GetInt32();
                                }
                                else
                                {
                                    reader.Skip();
                                }
                            }
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return new RawCompletion(id ?? string.Empty, input, cached, output);
    }

    /// <summary>The <c>text</c> of a <c>response.output_text.done</c>.</summary>
    public static string ReadText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    return reader.GetString() ?? string.Empty;
                }

                reader.Skip();
            }
        }

        return string.Empty;
    }

    /// <summary>What a failure event says (<c>error</c>, <c>response.failed</c>, <c>response.incomplete</c>): off the happy path, so a DOM is fine.</summary>
    public static string DescribeFailure(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            var error = root.TryGetProperty("error", out var e) ? e
                : root.TryGetProperty("response", out var r) && r.TryGetProperty("error", out var re) && re.ValueKind == JsonValueKind.Object ? re
                : default;
            if (error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return $"{type}: {(code is null ? string.Empty : code + ": ")}{message}";
            }

            if (root.TryGetProperty("response", out var response) && response.TryGetProperty("incomplete_details", out var details) && details.ValueKind == JsonValueKind.Object)
            {
                return $"{type}: {details.GetRawText()}";
            }

            return $"{type}: {Truncate(Encoding.UTF8.GetString(json))}";
        }
        catch (JsonException)
        {
            return "unreadable event: " + Truncate(Encoding.UTF8.GetString(json));
        }
    }

    public static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";

    // Moves the reader into the top-level property NAME's object (just after its StartObject).
    private static bool MoveToObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.StartObject;
            }

            reader.Skip();
        }

        return false;
    }
}
