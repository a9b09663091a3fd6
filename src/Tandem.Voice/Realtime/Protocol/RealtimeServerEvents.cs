namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// Server events as OpenAI writes them, for a server that emits the Realtime protocol: each gets a
/// new <c>event_…</c> id, and the fields OpenAI always writes are written, as <c>null</c> when unset
/// (<c>previous_item_id</c>, <c>status_details</c>, <c>usage</c>, <c>metadata</c>, an error's
/// <c>param</c> and <c>event_id</c>…). Anything else: build the record with an object initializer.
/// </summary>
public static class RealtimeServerEvents
{
    /// <summary><c>session.created</c> with <paramref name="session"/> as the effective configuration (<see cref="EffectiveSession"/>).</summary>
    public static RealtimeSessionCreatedEvent SessionCreated(RealtimeSessionConfig session) =>
        new() { EventId = RealtimeIds.NewEventId(), Session = EffectiveSession(session) };

    /// <summary><c>session.updated</c> with <paramref name="session"/> as the effective configuration (<see cref="EffectiveSession"/>).</summary>
    public static RealtimeSessionUpdatedEvent SessionUpdated(RealtimeSessionConfig session) =>
        new() { EventId = RealtimeIds.NewEventId(), Session = EffectiveSession(session) };

    /// <summary>
    /// A copy of <paramref name="session"/> in the shape of OpenAI's <c>session.created</c>/<c>session.updated</c>:
    /// <c>object</c> set, and the fields that are off written as <c>null</c> (tracing, prompt, include,
    /// transcription, noise reduction, turn detection, idle timeout, transcription language and prompt).
    /// </summary>
    public static RealtimeSessionConfig EffectiveSession(RealtimeSessionConfig session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var copy = RealtimeJson.Deserialize<RealtimeSessionConfig>(RealtimeJson.Serialize(session))!; // deep: nested records are marked below
        copy.ObjectType ??= "realtime.session";
        NullWhenUnset(copy, "tracing", copy.Tracing);
        NullWhenUnset(copy, "prompt", copy.Prompt);
        NullWhenUnset(copy, "include", copy.Include);
        if (copy.Audio?.Input is { } input)
        {
            NullWhenUnset(input, "transcription", input.Transcription);
            NullWhenUnset(input, "noise_reduction", input.NoiseReduction);
            NullWhenUnset(input, "turn_detection", input.TurnDetection);
            if (input.Transcription is { } transcription)
            {
                NullWhenUnset(transcription, "language", transcription.Language);
                NullWhenUnset(transcription, "prompt", transcription.Prompt);
            }

            if (input.TurnDetection is { Type: RealtimeTurnDetection.ServerVadType } vad)
            {
                NullWhenUnset(vad, "idle_timeout_ms", vad.IdleTimeoutMs);
            }
        }

        return copy;
    }

    /// <summary><c>conversation.item.added</c>; <c>previous_item_id</c> is written as <c>null</c> for the first item.</summary>
    public static RealtimeConversationItemAddedEvent ConversationItemAdded(RealtimeConversationItem item, string? previousItemId) =>
        NullWhenUnset(new RealtimeConversationItemAddedEvent { EventId = RealtimeIds.NewEventId(), Item = item, PreviousItemId = previousItemId }, "previous_item_id", previousItemId);

    /// <summary><c>conversation.item.done</c>; <c>previous_item_id</c> is written as <c>null</c> for the first item.</summary>
    public static RealtimeConversationItemDoneEvent ConversationItemDone(RealtimeConversationItem item, string? previousItemId) =>
        NullWhenUnset(new RealtimeConversationItemDoneEvent { EventId = RealtimeIds.NewEventId(), Item = item, PreviousItemId = previousItemId }, "previous_item_id", previousItemId);

    /// <summary><c>input_audio_buffer.committed</c>; <c>previous_item_id</c> is written as <c>null</c> for the first item.</summary>
    public static RealtimeInputAudioBufferCommittedEvent InputAudioBufferCommitted(string itemId, string? previousItemId) =>
        NullWhenUnset(new RealtimeInputAudioBufferCommittedEvent { EventId = RealtimeIds.NewEventId(), ItemId = itemId, PreviousItemId = previousItemId }, "previous_item_id", previousItemId);

    public static RealtimeInputAudioBufferClearedEvent InputAudioBufferCleared() => new() { EventId = RealtimeIds.NewEventId() };

    public static RealtimeInputAudioBufferSpeechStartedEvent SpeechStarted(int audioStartMs, string itemId) =>
        new() { EventId = RealtimeIds.NewEventId(), AudioStartMs = audioStartMs, ItemId = itemId };

    public static RealtimeInputAudioBufferSpeechStoppedEvent SpeechStopped(int audioEndMs, string itemId) =>
        new() { EventId = RealtimeIds.NewEventId(), AudioEndMs = audioEndMs, ItemId = itemId };

    /// <summary>
    /// A new response in OpenAI's opening shape: id, <c>in_progress</c>, empty output, and
    /// <c>status_details</c>, <c>usage</c> and (when none is given) <c>metadata</c> written as <c>null</c>.
    /// End it with <c>response with { Status = …, Output = …, Usage = … }</c>.
    /// </summary>
    public static RealtimeResponse NewResponse(
        string? conversationId,
        IEnumerable<string> outputModalities,
        RealtimeMaxOutputTokens maxOutputTokens,
        RealtimeAudioOutputConfig? audioOutput = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(outputModalities);
        var response = new RealtimeResponse
        {
            ObjectType = RealtimeResponse.ObjectName,
            Id = RealtimeIds.NewResponseId(),
            Status = RealtimeResponseStatus.InProgress,
            Output = [],
            ConversationId = conversationId,
            OutputModalities = [.. outputModalities],
            MaxOutputTokens = maxOutputTokens,
            Audio = audioOutput is null ? null : new RealtimeAudioConfig { Output = audioOutput },
            Metadata = metadata is null ? null : new Dictionary<string, string>(metadata),
        };
        response.SetExplicitNull("status_details");
        response.SetExplicitNull("usage");
        NullWhenUnset(response, "metadata", response.Metadata);
        NullWhenUnset(response, "conversation_id", conversationId);
        return response;
    }

    public static RealtimeResponseCreatedEvent ResponseCreated(RealtimeResponse response) => new() { EventId = RealtimeIds.NewEventId(), Response = response };

    public static RealtimeResponseDoneEvent ResponseDone(RealtimeResponse response) => new() { EventId = RealtimeIds.NewEventId(), Response = response };

    /// <summary>An <c>error</c>; <c>param</c> and <c>event_id</c> (the client event it answers) are written as <c>null</c> when unset.</summary>
    public static RealtimeErrorEvent Error(string type, string code, string message, string? param = null, string? clientEventId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var error = new RealtimeErrorDetail { Type = type, Code = code, Message = message, Param = param, EventId = clientEventId };
        NullWhenUnset(error, "param", param);
        NullWhenUnset(error, "event_id", clientEventId);
        return new RealtimeErrorEvent { EventId = RealtimeIds.NewEventId(), Error = error };
    }

    private static T NullWhenUnset<T>(T target, string jsonName, object? value)
        where T : RealtimeWireObject
    {
        if (value is null)
        {
            target.SetExplicitNull(jsonName);
        }

        return target;
    }
}
