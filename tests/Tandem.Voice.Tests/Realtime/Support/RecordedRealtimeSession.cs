using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.TestSupport;

namespace Tandem.Voice.Tests.Realtime.Support;

/// <summary>One recorded Realtime session (tests/fixtures/recorded/realtime-*/events.jsonl): frames in order, by direction.</summary>
public sealed class RecordedRealtimeSession
{
    private RecordedRealtimeSession(string name, IReadOnlyList<RecordedFrame> frames)
    {
        Name = name;
        Frames = frames;
    }

    public string Name { get; }

    public IReadOnlyList<RecordedFrame> Frames { get; }

    public IEnumerable<RecordedFrame> ServerFrames => Frames.Where(f => f.FromServer);

    public IEnumerable<RecordedFrame> ClientFrames => Frames.Where(f => !f.FromServer);

    /// <summary>Every recorded Realtime session folder.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Directory.GetDirectories(Fixtures.Recorded, "realtime-*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static RecordedRealtimeSession Load(string name)
    {
        var frames = new List<RecordedFrame>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(Fixtures.RecordedFile(name, "events.jsonl")))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var direction = doc.RootElement.GetProperty("direction").GetString();
            var evt = doc.RootElement.GetProperty("event");
            frames.Add(new RecordedFrame(lineNumber, direction == "server", evt.GetProperty("type").GetString()!, evt.GetRawText()));
        }

        return new RecordedRealtimeSession(name, frames);
    }

    /// <summary>The JSON with every object's keys sorted, so two documents compare regardless of key order.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same JSON, key order aside.</summary>
    public static bool SameJson(string a, string b) => JsonNode.DeepEquals(Sorted(JsonNode.Parse(a)), Sorted(JsonNode.Parse(b)));
}

/// <summary>A recorded frame: its line, direction, event type and JSON text.</summary>
public sealed record RecordedFrame(int Line, bool FromServer, string Type, string Json);
