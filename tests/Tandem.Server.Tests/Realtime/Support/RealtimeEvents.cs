using System.Text.Json.Nodes;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>Client events as JSON, and small readers of server events.</summary>
public static class RealtimeEvents
{
    public static JsonObject SessionUpdate(JsonObject session, string? eventId = null)
    {
        session["type"] ??= "realtime";
        var update = new JsonObject { ["type"] = "session.update", ["session"] = session };
        if (eventId is not null)
        {
            update["event_id"] = eventId;
        }

        return update;
    }

    /// <summary>session.update turning server VAD off (the client commits and asks for responses).</summary>
    public static JsonObject ManualTurns(JsonObject? more = null)
    {
        var session = more ?? [];
        session["audio"] = new JsonObject { ["input"] = new JsonObject { ["turn_detection"] = null } };
        return SessionUpdate(session);
    }

    public static JsonObject UserText(string text) => new()
    {
        ["type"] = "conversation.item.create",
        ["item"] = new JsonObject
        {
            ["type"] = "message",
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        },
    };

    public static JsonObject FunctionOutput(string callId, string output) => new()
    {
        ["type"] = "conversation.item.create",
        ["item"] = new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = output },
    };

    public static JsonObject ResponseCreate(JsonObject? response = null) =>
        response is null ? new JsonObject { ["type"] = "response.create" } : new JsonObject { ["type"] = "response.create", ["response"] = response };

    public static JsonObject Commit() => new() { ["type"] = "input_audio_buffer.commit" };

    public static JsonObject Tool(string name, string description, JsonObject properties, params string[] required) => new()
    {
        ["type"] = "function",
        ["name"] = name,
        ["description"] = description,
        ["parameters"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
            ["additionalProperties"] = false,
        },
    };

    public static string? Type(JsonObject evt) => (string?)evt["type"];

    public static List<string> Types(IEnumerable<JsonObject> events) => [.. events.Select(e => (string)e["type"]!)];
}
