using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary><see cref="ChatOptions.Tools"/>, <see cref="ChatOptions.ToolMode"/> and structured output formats.</summary>
internal static class ToolMapper
{
    /// <summary>A function with no parameters still needs an object schema on the wire.</summary>
    private static readonly JsonElement EmptyParameters = JsonValues.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static void Apply(ResponseCreateRequest request, ChatOptions options)
    {
        var strictDefault = JsonValues.Flag(options.AdditionalProperties, ResponsesChatPropertyNames.Strict);
        var tools = request.Tools is null ? new List<ResponseTool>() : [.. request.Tools];
        foreach (var tool in options.Tools ?? [])
        {
            if (tool is AIFunctionDeclaration function)
            {
                tools.Add(ToFunctionTool(function, strictDefault));
            }
        }

        if (tools.Count == 0)
        {
            return;
        }

        request.Tools = tools;
        request.ParallelToolCalls ??= options.AllowMultipleToolCalls;
        request.ToolChoice ??= ToolChoice(options.ToolMode);
    }

    public static ResponseTool ToFunctionTool(AIFunctionDeclaration function, bool? strictDefault)
    {
        var schema = function.JsonSchema.ValueKind == JsonValueKind.Object ? function.JsonSchema : EmptyParameters;
        var (closed, strictValid) = SchemaCloser.Close(schema);
        var strict = JsonValues.Flag(function.AdditionalProperties, ResponsesChatPropertyNames.Strict) ?? strictDefault ?? strictValid;

        // strict:false is written out: the Responses API treats an absent strict as true.
        return ResponseTool.Function(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, strict ? closed : schema, strict);
    }

    public static JsonElement? ToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => JsonValues.String("none"),
        AutoChatToolMode => JsonValues.String("auto"),
        RequiredChatToolMode { RequiredFunctionName: { } name } => JsonValues.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "function");
            w.WriteString("name", name);
            w.WriteEndObject();
        }),
        RequiredChatToolMode => JsonValues.String("required"),
        _ => null,
    };

    /// <summary>The request's <c>text</c> for a response format: <c>{"format":{...}}</c>.</summary>
    public static JsonElement? TextFormat(ChatResponseFormat? format, bool? strictDefault)
    {
        switch (format)
        {
            case ChatResponseFormatText:
                return Format(w => w.WriteString("type", "text"));
            case ChatResponseFormatJson { Schema: { } schema } json:
                var (closed, strictValid) = SchemaCloser.Close(schema);
                var strict = strictDefault ?? strictValid;
                return Format(w =>
                {
                    w.WriteString("type", "json_schema");
                    w.WriteString("name", json.SchemaName ?? "response");
                    if (json.SchemaDescription is { } description)
                    {
                        w.WriteString("description", description);
                    }

                    w.WritePropertyName("schema");
                    (strict ? closed : schema).WriteTo(w);
                    w.WriteBoolean("strict", strict);
                });
            case ChatResponseFormatJson:
                return Format(w => w.WriteString("type", "json_object"));
            default:
                return null;
        }

        static JsonElement Format(Action<Utf8JsonWriter> body) => JsonValues.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("format");
            body(w);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
