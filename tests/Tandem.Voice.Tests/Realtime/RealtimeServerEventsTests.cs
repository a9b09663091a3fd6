using System.Text.Json.Nodes;
using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Tests.Realtime.Support;

namespace Tandem.Voice.Tests.Realtime;

/// <summary>The server-side factories write what OpenAI writes (checked against the recordings, ids aside).</summary>
public sealed class RealtimeServerEventsTests
{
    private static readonly RecordedRealtimeSession ToolRound = RecordedRealtimeSession.Load("realtime-openai-tool-call-round");

    private static string Recorded(string type, int nth = 0) => ToolRound.ServerFrames.Where(f => f.Type == type).ElementAt(nth).Json;

    /// <summary>The JSON without any null-valued field, as a client would build it.</summary>
    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    WithoutNulls(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutNulls(item);
                }

                break;
        }

        return node;
    }

    [Fact]
    public void SessionUpdated_FromAConfigWithoutNulls_WritesOpenAisEffectiveSession()
    {
        var recorded = JsonNode.Parse(Recorded("session.updated"))!;
        var plain = RealtimeJson.Deserialize<RealtimeSessionConfig>(WithoutNulls(recorded["session"]!.DeepClone())!.ToJsonString())!;
        Assert.Empty(plain.ExplicitNulls);

        var updated = RealtimeServerEvents.SessionUpdated(plain);
        updated.EventId = (string?)recorded["event_id"];

        Assert.StartsWith("event_", RealtimeServerEvents.SessionUpdated(plain).EventId, StringComparison.Ordinal);
        Assert.True(RecordedRealtimeSession.SameJson(recorded.ToJsonString(), RealtimeJson.Serialize(updated)), RealtimeJson.Serialize(updated));
        Assert.Empty(plain.ExplicitNulls); // the caller's config is not changed
    }

    [Fact]
    public void NewResponse_ThenDone_WriteOpenAisResponseCreatedAndDone()
    {
        var recordedCreated = JsonNode.Parse(Recorded("response.created"))!;
        var response = RealtimeServerEvents.NewResponse(
            "conv_E6U11sxBUSqysB6D0eCmY",
            ["text"],
            RealtimeMaxOutputTokens.Infinite,
            new RealtimeAudioOutputConfig { Format = RealtimeAudioFormat.Pcm24kHz, Voice = "alloy" });
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        response.Id = (string?)recordedCreated["response"]!["id"];
        var created = RealtimeServerEvents.ResponseCreated(response);
        created.EventId = (string?)recordedCreated["event_id"];
        Assert.True(RecordedRealtimeSession.SameJson(recordedCreated.ToJsonString(), RealtimeJson.Serialize(created)), RealtimeJson.Serialize(created));

        var recordedDone = (RealtimeResponseDoneEvent)RealtimeJson.ParseServerEvent(Recorded("response.done"));
        var finished = response with
        {
            Status = RealtimeResponseStatus.Completed,
            Output = recordedDone.Response!.Output,
            Usage = recordedDone.Response.Usage,
        };
        var done = RealtimeServerEvents.ResponseDone(finished);
        done.EventId = recordedDone.EventId;
        Assert.True(RecordedRealtimeSession.SameJson(Recorded("response.done"), RealtimeJson.Serialize(done)), RealtimeJson.Serialize(done));
    }

    [Fact]
    public void ConversationItemAdded_FirstItem_WritesANullPreviousItemId()
    {
        var recorded = JsonNode.Parse(Recorded("conversation.item.added"))!;
        var item = RealtimeMessageItem.UserText("What is the weather in London?");
        item.Id = (string?)recorded["item"]!["id"];
        item.Status = RealtimeResponseStatus.Completed;

        var added = RealtimeServerEvents.ConversationItemAdded(item, previousItemId: null);
        added.EventId = (string?)recorded["event_id"];

        Assert.True(RecordedRealtimeSession.SameJson(recorded.ToJsonString(), RealtimeJson.Serialize(added)), RealtimeJson.Serialize(added));
    }

    [Fact]
    public void Error_WithoutParamOrClientEvent_WritesThemAsNull()
    {
        var error = RealtimeServerEvents.Error("invalid_request_error", "unknown_event", "Unknown event type 'x'.");

        var json = JsonNode.Parse(RealtimeJson.Serialize(error))!["error"]!.AsObject();

        Assert.True(json.ContainsKey("param") && json["param"] is null);
        Assert.True(json.ContainsKey("event_id") && json["event_id"] is null);
        Assert.Equal("unknown_event", (string?)json["code"]);
    }
}
