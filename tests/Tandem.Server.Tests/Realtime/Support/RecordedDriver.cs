using System.Text.Json.Nodes;
using Tandem.Voice.Audio;

namespace Tandem.Server.Tests.Realtime.Support;

/// <summary>
/// Replays a recording's client events against the local endpoint. A client event recorded right
/// after a phase end (<c>session.created</c>, <c>session.updated</c>, <c>response.done</c>) is sent
/// once the local server has sent that phase end; one recorded in the middle of a phase (pydantic-ai
/// sent its tool output as soon as the arguments were done) is sent after the next phase end, which
/// is where the recording shows the server acting on it. Recorded call ids are mapped to the local
/// ones, and the recorded appends (cut to 32 bytes each by the recorder) are replaced by <c>audio</c>.
/// </summary>
public static class RecordedDriver
{
    private static readonly HashSet<string> PhaseEnds = ["session.created", "session.updated", "response.done"];

    private static readonly HashSet<string> TranscriptionEnds =
        ["conversation.item.input_audio_transcription.completed", "conversation.item.input_audio_transcription.failed"];

    /// <summary>Runs the replay; returns every server event the local endpoint sent.</summary>
    public static async Task<List<JsonObject>> RunAsync(List<RecordedFrame> frames, RealtimeTestClient client, short[]? audio)
    {
        var onConnect = new List<JsonObject>();
        var groups = new List<(string Type, int Occurrence, List<JsonObject> Send)>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var current = onConnect;
        var deferred = new List<JsonObject>();
        var afterPhaseEnd = true;
        var audioQueued = false;
        foreach (var frame in frames)
        {
            if (frame.IsServer)
            {
                counts[frame.Type] = counts.GetValueOrDefault(frame.Type) + 1;
                afterPhaseEnd = PhaseEnds.Contains(frame.Type);
                if (afterPhaseEnd)
                {
                    current = [.. deferred];
                    deferred.Clear();
                    groups.Add((frame.Type, counts[frame.Type], current));
                }

                continue;
            }

            IEnumerable<JsonObject> events = [frame.Event.DeepClone().AsObject()];
            if (frame.Type == "input_audio_buffer.append")
            {
                events = audioQueued || audio is null ? [] : Pcm16.ToBase64Frames(audio, 24000, 40).Select(a => new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = a });
                audioQueued = true;
            }

            (afterPhaseEnd ? current : deferred).AddRange(events);
        }

        var recordedCallIds = new Queue<string>(frames.Where(f => f.IsServer && f.Type == "response.function_call_arguments.done").Select(f => (string)f.Event["call_id"]!));
        var callIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var localCounts = new Dictionary<string, int>(StringComparer.Ordinal);

        await SendAllAsync(onConnect);
        foreach (var (type, occurrence, send) in groups)
        {
            while (localCounts.GetValueOrDefault(type) < occurrence)
            {
                var evt = await client.ReceiveAsync();
                var received = (string)evt["type"]!;
                localCounts[received] = localCounts.GetValueOrDefault(received) + 1;
                if (received == "response.function_call_arguments.done" && recordedCallIds.TryDequeue(out var recordedId))
                {
                    callIds[recordedId] = (string)evt["call_id"]!;
                }
            }

            await SendAllAsync(send);
        }

        // Transcriptions run beside the response and may end after it: wait for as many as were recorded.
        var transcriptions = frames.Count(f => f.IsServer && TranscriptionEnds.Contains(f.Type));
        while (client.Received.Count(e => TranscriptionEnds.Contains((string)e["type"]!)) < transcriptions)
        {
            await client.ReceiveAsync();
        }

        return [.. client.Received];

        async Task SendAllAsync(List<JsonObject> events)
        {
            foreach (var evt in events)
            {
                if (evt["item"] is JsonObject item && (string?)item["call_id"] is { } callId && callIds.TryGetValue(callId, out var local))
                {
                    item["call_id"] = local;
                }

                await client.SendAsync(evt);
            }
        }
    }
}
