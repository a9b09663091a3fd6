using System.Text.Json.Nodes;
using Tandem.TestSupport;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>One frame of a recorded OpenAI Realtime session (tests/fixtures/recorded/realtime-*/events.jsonl).</summary>
public sealed record RecordedFrame(string Direction, JsonObject Event)
{
    public bool IsServer => Direction == "server";

    public string Type => (string)Event["type"]!;
}

/// <summary>Reads the recorded Realtime sessions.</summary>
public static class RecordedSessions
{
    public static List<RecordedFrame> Load(string folder) =>
        [.. File.ReadLines(Fixtures.RecordedFile(folder, "events.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => new RecordedFrame((string)o["direction"]!, o["event"]!.AsObject()))];
}
