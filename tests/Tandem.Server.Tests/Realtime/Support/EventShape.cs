using System.Text.Json.Nodes;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>
/// Compares event streams by shape, values aside: the sequence of types, and the JSON key paths of
/// each event type. The rules (also in docs/realtime.md):
/// <list type="bullet">
/// <item>Consecutive repeats of a delta event collapse into one; a run of interleaved
/// <c>response.output_audio.delta</c> and <c>response.output_audio_transcript.delta</c> collapses into
/// one entry (OpenAI interleaves them at its own pace, so their alternation carries no protocol meaning).</item>
/// <item><c>conversation.item.input_audio_transcription.*</c> is its own asynchronous stream (OpenAI
/// interleaves it with the response nondeterministically): it is compared separately, in its own order.</item>
/// </list>
/// </summary>
public static class EventShape
{
    public const string TranscriptionPrefix = "conversation.item.input_audio_transcription.";
    public const string AudioDeltaRun = "response.output_audio.delta|response.output_audio_transcript.delta";

    private static readonly HashSet<string> AudioDeltas = ["response.output_audio.delta", "response.output_audio_transcript.delta"];

    /// <summary>The main stream: transcription events left out, deltas collapsed.</summary>
    public static List<string> MainSequence(IEnumerable<JsonObject> events) =>
        Collapse(events.Select(Type).Where(t => !t.StartsWith(TranscriptionPrefix, StringComparison.Ordinal)));

    /// <summary>The transcription stream alone, deltas collapsed.</summary>
    public static List<string> TranscriptionSequence(IEnumerable<JsonObject> events) =>
        Collapse(events.Select(Type).Where(t => t.StartsWith(TranscriptionPrefix, StringComparison.Ordinal)));

    public static List<string> Collapse(IEnumerable<string> types)
    {
        var collapsed = new List<string>();
        foreach (var type in types)
        {
            var entry = AudioDeltas.Contains(type) ? AudioDeltaRun : type;
            if (collapsed.Count > 0 && collapsed[^1] == entry && entry.EndsWith(".delta", StringComparison.Ordinal))
            {
                continue;
            }

            collapsed.Add(entry);
        }

        return collapsed;
    }

    /// <summary>Every key path of an event (<c>session.audio.input.format.rate</c>, <c>response.output[].content[].text</c>), sorted.</summary>
    public static List<string> KeyPaths(JsonObject evt)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(evt, string.Empty, paths);
        return [.. paths];
    }

    /// <summary>Per event type, the union of the key paths of its events.</summary>
    public static SortedDictionary<string, SortedSet<string>> KeyPathsByType(IEnumerable<JsonObject> events)
    {
        var byType = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var evt in events)
        {
            if (!byType.TryGetValue(Type(evt), out var set))
            {
                byType[Type(evt)] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(KeyPaths(evt));
        }

        return byType;
    }

    private static string Type(JsonObject evt) => (string)evt["type"]!;

    private static void Walk(JsonNode? node, string prefix, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var path = prefix.Length == 0 ? key : prefix + "." + key;
                    paths.Add(path);
                    Walk(value, path, paths);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, prefix + "[]", paths);
                }

                break;
        }
    }
}
