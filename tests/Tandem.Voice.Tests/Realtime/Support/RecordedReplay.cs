using System.Text.Json.Nodes;

namespace Tandem.Voice.Tests.Realtime.Support;

/// <summary>
/// Replays a recording's server events in answer to the client's events. The recording's client
/// events are cues: a run of client events of one type is one cue (so a client may send more or
/// fewer audio chunks than were recorded), and each cue releases the server events up to the next
/// cue. The client's events must come in the recorded order of cue types.
/// </summary>
public static class RecordedReplay
{
    public static async Task RunAsync(FakeRealtimeConnection connection, IReadOnlyList<RecordedFrame> frames, CancellationToken cancellationToken)
    {
        var i = 0;
        for (; i < frames.Count && frames[i].FromServer; i++)
        {
            await connection.SendAsync(frames[i].Json, cancellationToken);
        }

        string? lastCue = null;
        while (i < frames.Count)
        {
            var cue = frames[i].Type;
            JsonObject? received;
            string? type;
            do
            {
                received = await connection.ReceiveAsync(cancellationToken);
                type = (string?)received?["type"];
            }
            while (received is not null && type == lastCue && type != cue);

            if (received is null)
            {
                return;
            }

            if (type != cue)
            {
                throw new InvalidOperationException($"Replay expected the client's {cue} (recorded line {frames[i].Line}) but received {type}: {received.ToJsonString()}");
            }

            for (i++; i < frames.Count && (frames[i].FromServer || frames[i].Type == cue); i++)
            {
                if (frames[i].FromServer)
                {
                    await connection.SendAsync(frames[i].Json, cancellationToken);
                }
            }

            lastCue = cue;
        }

        await connection.DrainUntilClosedAsync(cancellationToken);
    }
}
