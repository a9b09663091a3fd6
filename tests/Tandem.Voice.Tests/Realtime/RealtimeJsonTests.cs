using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Voice.Realtime;
using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Tests.Realtime.Support;

namespace Tandem.Voice.Tests.Realtime;

/// <summary>The wire model against the recorded sessions and OpenAI's GA type names.</summary>
public sealed class RealtimeJsonTests
{
    /// <summary>Every GA server event type of OpenAI's SDK union (openai-python types/realtime/realtime_server_event.py), less the two beta names it still lists (conversation.created, conversation.item.created).</summary>
    private static readonly string[] SdkServerEventTypes =
    [
        "conversation.item.deleted", "conversation.item.input_audio_transcription.completed",
        "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.failed",
        "conversation.item.retrieved", "conversation.item.truncated", "error", "input_audio_buffer.cleared",
        "input_audio_buffer.committed", "input_audio_buffer.dtmf_event_received", "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped", "rate_limits.updated", "response.output_audio.delta", "response.output_audio.done",
        "response.output_audio_transcript.delta", "response.output_audio_transcript.done", "response.content_part.added",
        "response.content_part.done", "response.created", "response.done", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.output_item.added", "response.output_item.done",
        "response.output_text.delta", "response.output_text.done", "session.created", "session.updated",
        "output_audio_buffer.started", "output_audio_buffer.stopped", "output_audio_buffer.cleared", "conversation.item.added",
        "conversation.item.done", "input_audio_buffer.timeout_triggered", "conversation.item.input_audio_transcription.segment",
        "mcp_list_tools.in_progress", "mcp_list_tools.completed", "mcp_list_tools.failed", "response.mcp_call_arguments.delta",
        "response.mcp_call_arguments.done", "response.mcp_call.in_progress", "response.mcp_call.completed", "response.mcp_call.failed",
    ];

    /// <summary>Every client event type of the SDK's union (types/realtime/realtime_client_event.py).</summary>
    private static readonly string[] SdkClientEventTypes =
    [
        "conversation.item.create", "conversation.item.delete", "conversation.item.retrieve", "conversation.item.truncate",
        "input_audio_buffer.append", "input_audio_buffer.clear", "output_audio_buffer.clear", "input_audio_buffer.commit",
        "response.cancel", "response.create", "session.update",
    ];

    public static TheoryData<string> Sessions => [.. RecordedRealtimeSession.All];

    [Fact]
    public void Recordings_AreThere()
    {
        Assert.True(RecordedRealtimeSession.All.Count >= 7, string.Join(", ", RecordedRealtimeSession.All));
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void ParseServerEvent_EveryRecordedServerEvent_ReserializesToTheRecordedJson(string session)
    {
        var recorded = RecordedRealtimeSession.Load(session);
        Assert.NotEmpty(recorded.ServerFrames);
        foreach (var frame in recorded.ServerFrames)
        {
            var evt = RealtimeJson.ParseServerEvent(frame.Json);
            Assert.Equal(frame.Type, evt.Type);
            var written = RealtimeJson.Serialize(evt);
            Assert.True(RecordedRealtimeSession.SameJson(frame.Json, written), $"{session} line {frame.Line} ({frame.Type}):\nrecorded {frame.Json}\nwritten  {written}");
        }
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void ParseServerEvent_EveryRecordedServerEvent_IsATypedRecord(string session)
    {
        foreach (var frame in RecordedRealtimeSession.Load(session).ServerFrames)
        {
            var evt = RealtimeJson.ParseServerEvent(frame.Json);
            Assert.IsNotType<RealtimeUnknownServerEvent>(evt);
            Assert.Equal(RealtimeServerEventTypes.Classes[frame.Type], evt.GetType());
        }
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void ParseClientEvent_EveryRecordedClientEvent_IsTypedAndReserializesToTheRecordedJson(string session)
    {
        var recorded = RecordedRealtimeSession.Load(session);
        Assert.NotEmpty(recorded.ClientFrames);
        foreach (var frame in recorded.ClientFrames)
        {
            var evt = RealtimeJson.ParseClientEvent(frame.Json);
            Assert.IsNotType<RealtimeUnknownClientEvent>(evt);
            Assert.Equal(frame.Type, evt.Type);
            var written = RealtimeJson.Serialize(evt);
            Assert.True(RecordedRealtimeSession.SameJson(frame.Json, written), $"{session} line {frame.Line} ({frame.Type}):\nrecorded {frame.Json}\nwritten  {written}");
        }
    }

    [Fact]
    public void ServerEventTypes_AreTheSdksGaTypes()
    {
        Assert.Equal(SdkServerEventTypes.Order(StringComparer.Ordinal), RealtimeServerEventTypes.Classes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ClientEventTypes_AreTheSdksTypes()
    {
        Assert.Equal(SdkClientEventTypes.Order(StringComparer.Ordinal), RealtimeClientEventTypes.Classes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ParseServerEvent_EveryGaType_ReadsAsItsRecordAndWritesItsType()
    {
        foreach (var type in SdkServerEventTypes)
        {
            var evt = RealtimeJson.ParseServerEvent($$"""{"type":"{{type}}","event_id":"event_1"}""");
            Assert.IsNotType<RealtimeUnknownServerEvent>(evt);
            Assert.Equal(type, evt.Type);
            Assert.Equal("event_1", evt.EventId);
            var written = JsonNode.Parse(RealtimeJson.Serialize(evt))!;
            Assert.Equal(type, (string?)written["type"]);
        }
    }

    [Fact]
    public void ParseServerEvent_UnknownType_IsKeptRawAndWrittenBackVerbatim()
    {
        const string json = """{"type":"future.thing","event_id":"event_9","payload":{"a":[1,2,{"b":null}]},"n":1.5}""";
        var evt = RealtimeJson.ParseServerEvent(json);
        var unknown = Assert.IsType<RealtimeUnknownServerEvent>(evt);
        Assert.Equal("future.thing", unknown.Type);
        Assert.Equal("event_9", unknown.EventId);
        Assert.True(RecordedRealtimeSession.SameJson(json, RealtimeJson.Serialize(evt)));
    }

    [Fact]
    public void ParseServerEvent_UnknownFieldsOfAKnownEvent_AreKept()
    {
        const string json = """{"type":"response.output_text.delta","event_id":"e","response_id":"r","item_id":"i","output_index":0,"content_index":0,"delta":"Hi","obfuscation":"xyz","future":{"k":[true]}}""";
        var delta = Assert.IsType<RealtimeResponseOutputTextDeltaEvent>(RealtimeJson.ParseServerEvent(json));
        Assert.Equal("Hi", delta.Delta);
        Assert.Equal("xyz", delta.AdditionalProperties!["obfuscation"].GetString());
        Assert.True(RecordedRealtimeSession.SameJson(json, RealtimeJson.Serialize(delta)));
    }

    [Fact]
    public void ParseServerEvent_UnknownItemType_IsKeptRawInsideAKnownEvent()
    {
        const string json = """{"type":"conversation.item.added","event_id":"e","previous_item_id":null,"item":{"id":"item_1","type":"mcp_call","server_label":"s","name":"n","arguments":"{}","output":null}}""";
        var added = Assert.IsType<RealtimeConversationItemAddedEvent>(RealtimeJson.ParseServerEvent(json));
        var item = Assert.IsType<RealtimeUnknownItem>(added.Item);
        Assert.Equal("mcp_call", item.Type);
        Assert.Equal("item_1", item.Id);
        Assert.True(RecordedRealtimeSession.SameJson(json, RealtimeJson.Serialize(added)));
    }

    [Fact]
    public void ParseServerEvent_ExplicitNulls_AreReadAsNullAndWrittenBack()
    {
        var frame = RecordedRealtimeSession.Load("realtime-openai-tool-call-round").ServerFrames.First(f => f.Type == "session.created");
        var created = Assert.IsType<RealtimeSessionCreatedEvent>(RealtimeJson.ParseServerEvent(frame.Json));
        var session = created.Session!;
        Assert.Null(session.Tracing);
        Assert.True(session.IsExplicitNull("tracing"));
        Assert.Null(session.Audio!.Input!.Transcription);
        Assert.True(session.Audio.Input.IsExplicitNull("transcription"));
        Assert.Null(session.Audio.Input.TurnDetection!.IdleTimeoutMs);
        Assert.True(session.Audio.Input.TurnDetection.IsExplicitNull("idle_timeout_ms"));
        Assert.True(session.MaxOutputTokens!.Value.IsInfinite);
        Assert.Equal("auto", session.ToolChoice!.Mode);
        Assert.Equal("auto", session.Truncation!.Mode);
        Assert.Equal(24000, session.Audio.Input.Format!.Rate);

        var json = JsonNode.Parse(RealtimeJson.Serialize(created))!;
        Assert.Equal(JsonValueKind.Null, json["session"]!.AsObject()["tracing"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.True(json["session"]!.AsObject().ContainsKey("tracing"));
    }

    [Fact]
    public void Serialize_UnsetProperties_AreLeftOut()
    {
        var update = new RealtimeSessionUpdateEvent
        {
            Session = new RealtimeSessionConfig { Instructions = "Be brief." },
        };

        Assert.Equal("""{"type":"session.update","session":{"type":"realtime","instructions":"Be brief."}}""", RealtimeJson.Serialize(update));
    }

    [Fact]
    public void DisableTurnDetection_WritesAnExplicitNull()
    {
        var session = new RealtimeSessionConfig
        {
            Audio = new RealtimeAudioConfig { Input = new RealtimeAudioInputConfig { Format = RealtimeAudioFormat.Pcmu }.DisableTurnDetection() },
        }.DisableTracing();

        Assert.Equal(
            """{"type":"realtime","tracing":null,"audio":{"input":{"format":{"type":"audio/pcmu"},"turn_detection":null}}}""",
            RealtimeJson.Serialize(session));
    }

    [Fact]
    public void ExplicitNull_SetOnACopy_DoesNotChangeTheOriginal()
    {
        var original = new RealtimeInputAudioBufferCommittedEvent { EventId = "e", ItemId = "item_1" };
        var copy = original with { };
        copy.SetExplicitNull("previous_item_id");

        Assert.DoesNotContain("previous_item_id", RealtimeJson.Serialize(original), StringComparison.Ordinal);
        Assert.Contains("\"previous_item_id\":null", RealtimeJson.Serialize(copy), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4096", 4096)]
    [InlineData("\"inf\"", null)]
    public void MaxOutputTokens_IntegerOrInf_RoundTrips(string wire, int? limit)
    {
        var json = $$"""{"type":"realtime","max_output_tokens":{{wire}}}""";
        var session = RealtimeJson.Deserialize<RealtimeSessionConfig>(json)!;
        Assert.Equal(limit, session.MaxOutputTokens!.Value.Limit);
        Assert.Equal(json, RealtimeJson.Serialize(session));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("\"infinite\"")]
    [InlineData("true")]
    public void MaxOutputTokens_OtherValues_FailNamingTheField(string wire)
    {
        var ex = Assert.Throws<JsonException>(() => RealtimeJson.Deserialize<RealtimeSessionConfig>($$"""{"type":"realtime","max_output_tokens":{{wire}}}"""));
        Assert.Contains("max_output_tokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolChoiceTracingTruncation_StringAndObjectForms_RoundTrip()
    {
        const string json = """{"type":"realtime","tool_choice":{"type":"function","name":"get_weather"},"tracing":{"workflow_name":"w","group_id":"g","metadata":{"k":1}},"truncation":{"type":"retention_ratio","retention_ratio":0.8,"token_limits":{"post_instructions":5000}}}""";
        var session = RealtimeJson.Deserialize<RealtimeSessionConfig>(json)!;
        Assert.Equal("get_weather", session.ToolChoice!.Target!.Name);
        Assert.Equal("w", session.Tracing!.Configuration!.WorkflowName);
        Assert.Equal(0.8, session.Truncation!.Strategy!.RetentionRatio);
        Assert.True(RecordedRealtimeSession.SameJson(json, RealtimeJson.Serialize(session)));

        var built = new RealtimeSessionConfig
        {
            ToolChoice = RealtimeToolChoice.Function("get_weather"),
            Truncation = RealtimeTruncation.RetentionRatio(0.8, 5000),
            Tracing = RealtimeTracing.Auto,
        };
        Assert.Equal(
            """{"type":"realtime","tool_choice":{"type":"function","name":"get_weather"},"tracing":"auto","truncation":{"type":"retention_ratio","retention_ratio":0.8,"token_limits":{"post_instructions":5000}}}""",
            RealtimeJson.Serialize(built));
    }

    [Fact]
    public void ClientEvents_BuiltInCode_MatchTheRecordedOnes()
    {
        var recorded = RecordedRealtimeSession.Load("realtime-openai-tool-call-round").ClientFrames.ToList();
        var schema = """{"additionalProperties": false, "properties": {"city": {"type": "string"}}, "required": ["city"], "type": "object"}""";
        RealtimeClientEvent[] built =
        [
            new RealtimeSessionUpdateEvent
            {
                Session = new RealtimeSessionConfig
                {
                    Instructions = "Use the get_weather tool for any weather question, then answer in one short sentence.",
                    OutputModalities = ["text"],
                    Audio = new RealtimeAudioConfig
                    {
                        Input = new RealtimeAudioInputConfig
                        {
                            Format = RealtimeAudioFormat.Pcm24kHz,
                            TurnDetection = RealtimeTurnDetection.ServerVad(createResponse: true, interruptResponse: true),
                            Transcription = new RealtimeTranscriptionConfig { Model = "gpt-realtime-whisper" },
                        },
                        Output = new RealtimeAudioOutputConfig { Format = RealtimeAudioFormat.Pcm24kHz },
                    },
                    Tools = [RealtimeTool.Function("get_weather", "Look up the weather for a city.", schema)],
                },
            },
            new RealtimeConversationItemCreateEvent { Item = RealtimeMessageItem.UserText("What is the weather in London?") },
            new RealtimeResponseCreateEvent(),
            new RealtimeConversationItemCreateEvent { Item = RealtimeFunctionCallOutputItem.Create("call_uMNE0Myi2tDTPu0w", "It is foggy and 12 degrees in London.") },
            new RealtimeResponseCreateEvent(),
        ];

        Assert.Equal(recorded.Count, built.Length);
        for (var i = 0; i < built.Length; i++)
        {
            var written = RealtimeJson.Serialize(built[i]);
            Assert.True(RecordedRealtimeSession.SameJson(recorded[i].Json, written), $"#{i}:\nrecorded {recorded[i].Json}\nwritten  {written}");
        }
    }

    [Fact]
    public void ServerEvents_BuiltInCode_WriteOpenAisShape()
    {
        var delta = new RealtimeResponseOutputTextDeltaEvent
        {
            EventId = "event_1",
            ResponseId = "resp_1",
            ItemId = "item_1",
            OutputIndex = 0,
            ContentIndex = 0,
            Delta = "Hel",
        };
        Assert.Equal("""{"type":"response.output_text.delta","event_id":"event_1","response_id":"resp_1","item_id":"item_1","output_index":0,"content_index":0,"delta":"Hel"}""", RealtimeJson.Serialize(delta));

        var added = new RealtimeConversationItemAddedEvent { EventId = "event_2", Item = RealtimeMessageItem.UserText("hi") }.WithExplicitNull("previous_item_id");
        Assert.Equal("""{"type":"conversation.item.added","event_id":"event_2","previous_item_id":null,"item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}""", RealtimeJson.Serialize(added));
    }

    [Fact]
    public void ParseServerEvent_ErrorEnvelope_ReadsEveryField()
    {
        const string json = """{"type":"error","event_id":"event_5","error":{"type":"invalid_request_error","code":"invalid_value","message":"Invalid value: 16000.","param":"session.audio.input.format.rate","event_id":"evt_abc"}}""";
        var error = Assert.IsType<RealtimeErrorEvent>(RealtimeJson.ParseServerEvent(json)).Error!;
        Assert.Equal(("invalid_request_error", "invalid_value", "Invalid value: 16000.", "session.audio.input.format.rate", "evt_abc"), (error.Type, error.Code, error.Message, error.Param, error.EventId));
        Assert.True(RecordedRealtimeSession.SameJson(json, RealtimeJson.Serialize(new RealtimeErrorEvent { EventId = "event_5", Error = error })));
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("""{"type":"input_audio_buffer.speech_started","event_id":"e","audio_start_ms":"soon","item_id":"i"}""", "audio_start_ms")]
    public void ParseServerEvent_BadInput_FailsNamingTheProblem(string json, string named)
    {
        var ex = Assert.Throws<JsonException>(() => RealtimeJson.ParseServerEvent(json));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalEvents_AreSerializable()
    {
        var evt = new RealtimeSessionExpiringEvent { Message = "m", Cap = TimeSpan.FromMinutes(60), Remaining = TimeSpan.FromMinutes(1) };
        var json = JsonNode.Parse(RealtimeJson.Serialize(evt))!;
        Assert.Equal("tandem.session.expiring", (string?)json["type"]);
    }
}
