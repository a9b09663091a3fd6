using System.Net.WebSockets;
using Tandem.Server.Operations;
using Tandem.Voice.Audio;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// <c>response.create</c> and <c>response.cancel</c>. A response runs as its own task, one step
/// (one or a few events) per turn of the gate, in the order OpenAI's recorded sessions show:
/// created → output_item.added → conversation.item.added → content (parts, deltas, done) →
/// conversation.item.done → output_item.done → response.done. At most one response of the
/// default conversation runs at a time; out-of-band ones (<c>conversation: "none"</c>) may run beside it.
/// </summary>
internal sealed partial class RealtimeSession
{
    private const int PcmChunkSamples = RealtimeSessionSettings.PcmRate / 5;
    private const int G711ChunkSamples = RealtimeSessionSettings.G711Rate / 5;

    private readonly List<ResponseRun> _running = [];
    private ResponseRun? _inBand;

    // A VAD turn ended while the reply it interrupted was still winding down: answer it once that one is done.
    private bool _respondWhenIdle;

    private List<ResponseRun> RunningResponses()
    {
        lock (_running)
        {
            return [.. _running];
        }
    }

    private async ValueTask CreateResponseAsync(RealtimeResponseCreateOptions? options, CancellationToken cancellationToken)
    {
        options ??= new RealtimeResponseCreateOptions();
        RealtimeSessionSettings.RejectUnknown(options, "response");
        var conversation = options.Conversation ?? "auto";
        if (conversation is not ("auto" or "none"))
        {
            throw RealtimeErrors.NotOneOf("response.conversation", conversation, "auto", "none");
        }

        var inBand = conversation == "auto";
        if (inBand && _inBand is { } active)
        {
            throw RealtimeErrors.ResponseActive(active.Id);
        }

        var modality = options.OutputModalities is { } modalities
            ? RealtimeSessionSettings.ValidateModalities(modalities, "response.output_modalities")
            : _config.OutputModalities?.FirstOrDefault() ?? RealtimeSessionSettings.AudioModality;
        var tools = options.Tools is { } t ? RealtimeSessionSettings.ValidateTools(t, "response.tools") : _config.Tools ?? [];
        var choice = options.ToolChoice is { } c ? RealtimeSessionSettings.ValidateToolChoice(c, "response.tool_choice") : _config.ToolChoice ?? RealtimeToolChoice.Auto;
        var max = options.MaxOutputTokens is { } m
            ? RealtimeSessionSettings.ValidateMaxOutputTokens(m, "response.max_output_tokens")
            : _config.MaxOutputTokens ?? RealtimeMaxOutputTokens.Infinite;
        var output = OutputConfig;
        var format = options.Audio?.Output?.Format is { } f
            ? RealtimeSessionSettings.ValidateFormat(f, "response.audio.output.format")
            : output.Format ?? RealtimeAudioFormat.Pcm24kHz;
        ValidateMetadata(options.Metadata);
        var context = options.Input is { } input ? ResolveInput(input) : _conversation.Snapshot();

        var response = RealtimeServerEvents.NewResponse(
            inBand ? _conversation.Id : null,
            [modality],
            max,
            new RealtimeAudioOutputConfig { Format = format with { }, Voice = options.Audio?.Output?.Voice ?? output.Voice ?? "alloy" },
            options.Metadata);

        var run = new ResponseRun
        {
            Response = response,
            InBand = inBand,
            Modality = modality,
            Instructions = options.Instructions ?? _config.Instructions ?? string.Empty,
            Tools = tools,
            ToolChoice = choice,
            OutputFormat = format,
            Speed = output.Speed ?? 1.0,
            Model = _config.Model!,
            Context = context,
        };

        await SendAsync(RealtimeServerEvents.ResponseCreated(response), cancellationToken).ConfigureAwait(false);
        _responseCount++;
        if (inBand)
        {
            _inBand = run;
        }

        lock (_running)
        {
            _running.Add(run);
        }

        run.Task = Task.Run(() => RunResponseAsync(run), CancellationToken.None);
    }

    private ValueTask CancelResponse(RealtimeResponseCancelEvent cancel)
    {
        ResponseRun? target;
        lock (_running)
        {
            target = cancel.ResponseId is { } id ? _running.Find(r => r.Id == id) : _inBand ?? _running.FirstOrDefault();
        }

        if (target is null || target.CancelRequested)
        {
            throw RealtimeErrors.NothingToCancel(cancel.ResponseId);
        }

        // The response's own task sends what follows (the open item closed as incomplete, response.done cancelled).
        target.RequestCancel("client_cancelled");
        return ValueTask.CompletedTask;
    }

    private static void ValidateMetadata(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > 16)
        {
            throw RealtimeErrors.Invalid("response.metadata", $"Invalid 'response.metadata': at most 16 pairs, got {metadata.Count}.");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > 64 || value.Length > 512)
            {
                throw RealtimeErrors.Invalid("response.metadata", "Invalid 'response.metadata': keys are at most 64 characters and values at most 512.");
            }
        }
    }

    /// <summary>A response's own <c>input</c>: items given inline, or <c>item_reference</c>s to items of the conversation.</summary>
    private List<ConversationEntry> ResolveInput(List<RealtimeConversationItem> input)
    {
        var entries = new List<ConversationEntry>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var param = $"response.input[{i}]";
            if (input[i] is RealtimeUnknownItem { Type: RealtimeItemTypes.ItemReference } reference)
            {
                var id = reference.Id ?? throw RealtimeErrors.Missing(param + ".id");
                entries.Add(_conversation.Find(id) ?? throw RealtimeErrors.NoSuchItem("referencing", id, param + ".id"));
            }
            else
            {
                entries.Add(ToEntry(input[i], param));
            }
        }

        return entries;
    }

    private async Task RunResponseAsync(ResponseRun run)
    {
        var lifetime = _lifetime.Token;
        try
        {
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime, run.Cancel.Token))
            {
                var turn = await BuildTurnAsync(run, linked.Token).ConfigureAwait(false);
                var reply = _hub.Model.Reply(turn, run.Instructions, run.Tools, run.ToolChoice);
                if (reply.IsFunctionCall)
                {
                    await StreamFunctionCallAsync(run, reply.FunctionName!, reply.Arguments!, lifetime).ConfigureAwait(false);
                }
                else if (run.Modality == RealtimeSessionSettings.AudioModality)
                {
                    var text = LimitText(run, reply.Text!);
                    var (samples, _) = await _hub.Speech.SpeakAsync(text, run.Speed, linked.Token).ConfigureAwait(false);
                    await StreamAudioAsync(run, text, samples, lifetime).ConfigureAwait(false);
                }
                else
                {
                    await StreamTextAsync(run, LimitText(run, reply.Text!), lifetime).ConfigureAwait(false);
                }
            }

            await FinishAsync(run, null, lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.CancelRequested && !lifetime.IsCancellationRequested)
        {
            await QuietlyAsync(FinishAsync(run, null, lifetime)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session is ending: nobody is left to tell.
        }
        catch (Exception ex)
        {
            RealtimeLog.InternalError(_hub.Logger, ex, Id, "response " + run.Id);
            await QuietlyAsync(FinishAsync(run, RealtimeErrors.Detail(RealtimeErrors.ServerError, "internal_error",
                "The server had an error while generating the response. Sorry about that!", null, null), lifetime)).ConfigureAwait(false);
        }
    }

    /// <summary>What the model answers: the output of the last tool call, or the latest user message (typed or heard).</summary>
    private async Task<ModelTurn> BuildTurnAsync(ResponseRun run, CancellationToken cancellationToken)
    {
        for (var i = run.Context.Count - 1; i >= 0; i--)
        {
            var entry = run.Context[i];
            switch (entry.Item)
            {
                case RealtimeFunctionCallOutputItem output:
                    var call = run.Context.Select(e => e.Item).OfType<RealtimeFunctionCallItem>().LastOrDefault(c => c.CallId == output.CallId);
                    return ModelTurn.Tool(output.Output ?? string.Empty, call?.Name);
                case RealtimeMessageItem { Role: "user", Content: { } content }:
                    var words = new List<string>();
                    foreach (var part in content)
                    {
                        var text = part.Type switch
                        {
                            RealtimeContentPart.InputTextType => part.Text,
                            RealtimeContentPart.InputAudioType when entry.Audio is not null => await HearAsync(entry, run.Model, cancellationToken).ConfigureAwait(false),
                            RealtimeContentPart.InputAudioType => part.Transcript,
                            _ => null,
                        };
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            words.Add(text.Trim());
                        }
                    }

                    return ModelTurn.User(string.Join(' ', words));
            }
        }

        return ModelTurn.Nothing;
    }

    /// <summary>The session model's recognition of a user's audio; a failed recogniser hears nothing.</summary>
    private async Task<string> HearAsync(ConversationEntry entry, string model, CancellationToken cancellationToken)
    {
        try
        {
            return (await RecognizeAsync(entry, model).WaitAsync(cancellationToken).ConfigureAwait(false)).Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return string.Empty;
        }
    }

    /// <summary>Cuts a reply at <c>max_output_tokens</c> (the response then ends <c>incomplete</c>).</summary>
    private static string LimitText(ResponseRun run, string text)
    {
        if (run.Response.MaxOutputTokens?.Limit is not { } limit || TokenCounter.Count(text) <= limit)
        {
            return text;
        }

        run.IncompleteReason = "max_output_tokens";
        return string.Concat(TokenCounter.SplitIntoTokens(text).Take(limit));
    }

    private async Task StreamFunctionCallAsync(ResponseRun run, string name, string arguments, CancellationToken lifetime)
    {
        var item = new RealtimeFunctionCallItem
        {
            Id = RealtimeIds.NewItemId(),
            Status = RealtimeResponseStatus.InProgress,
            Name = name,
            CallId = RealtimeIds.NewCallId(),
            Arguments = string.Empty,
        };
        var entry = new ConversationEntry(item);
        await StepAsync(run, () => OpenItemAsync(run, entry, lifetime), lifetime).ConfigureAwait(false);
        var index = run.Output.Count - 1;
        foreach (var piece in TokenCounter.SplitIntoTokens(arguments))
        {
            await StepAsync(run, () =>
            {
                run.PartialText += piece;
                return SendAsync(Obfuscated(new RealtimeResponseFunctionCallArgumentsDeltaEvent
                {
                    ResponseId = run.Id,
                    ItemId = item.Id,
                    OutputIndex = index,
                    CallId = item.CallId,
                    Delta = piece,
                }, piece), lifetime);
            }, lifetime).ConfigureAwait(false);
        }

        await StepAsync(run, async () =>
        {
            await SendAsync(new RealtimeResponseFunctionCallArgumentsDoneEvent
            {
                ResponseId = run.Id,
                ItemId = item.Id,
                OutputIndex = index,
                CallId = item.CallId,
                Name = name,
                Arguments = arguments,
            }, lifetime).ConfigureAwait(false);
            item.Arguments = arguments;
            run.OutputText = arguments;
            await CloseItemAsync(run, entry, RealtimeResponseStatus.Completed, lifetime).ConfigureAwait(false);
        }, lifetime).ConfigureAwait(false);
    }

    private async Task StreamTextAsync(ResponseRun run, string text, CancellationToken lifetime)
    {
        var item = AssistantMessage();
        var entry = new ConversationEntry(item);
        await StepAsync(run, () => OpenItemAsync(run, entry, lifetime), lifetime).ConfigureAwait(false);
        var index = run.Output.Count - 1;
        await StepAsync(run, () => SendAsync(ContentEvent(new RealtimeResponseContentPartAddedEvent
        {
            Part = new RealtimeContentPart { Type = "text", Text = string.Empty },
        }, run, item, index), lifetime), lifetime).ConfigureAwait(false);

        foreach (var piece in TokenCounter.SplitIntoTokens(text))
        {
            await StepAsync(run, () =>
            {
                run.PartialText += piece;
                return SendAsync(Obfuscated(ContentEvent(new RealtimeResponseOutputTextDeltaEvent { Delta = piece }, run, item, index), piece), lifetime);
            }, lifetime).ConfigureAwait(false);
        }

        await StepAsync(run, async () =>
        {
            await SendAsync(ContentEvent(new RealtimeResponseOutputTextDoneEvent { Text = text }, run, item, index), lifetime).ConfigureAwait(false);
            await SendAsync(ContentEvent(new RealtimeResponseContentPartDoneEvent
            {
                Part = new RealtimeContentPart { Type = "text", Text = text },
            }, run, item, index), lifetime).ConfigureAwait(false);
            item.Content = [RealtimeContentPart.OutputText(text)];
            run.OutputText = text;
            await CloseItemAsync(run, entry, RealtimeResponseStatus.Completed, lifetime).ConfigureAwait(false);
        }, lifetime).ConfigureAwait(false);
    }

    /// <summary>
    /// An audio reply: transcript deltas (a token each) interleaved with the audio that goes with
    /// them, in chunks of at most 200 ms, in the response's output format.
    /// </summary>
    private async Task StreamAudioAsync(ResponseRun run, string text, short[] speech, CancellationToken lifetime)
    {
        var item = AssistantMessage();
        var entry = new ConversationEntry(item) { Audio = speech };
        var (units, chunk, encode) = run.OutputFormat.Type switch
        {
            RealtimeAudioFormat.PcmuType => (Pcm16.Resample(speech, RealtimeSessionSettings.PcmRate, RealtimeSessionSettings.G711Rate), G711ChunkSamples,
                (Func<ReadOnlyMemory<short>, byte[]>)(s => G711.EncodeMuLaw(s.Span))),
            RealtimeAudioFormat.PcmaType => (Pcm16.Resample(speech, RealtimeSessionSettings.PcmRate, RealtimeSessionSettings.G711Rate), G711ChunkSamples,
                s => G711.EncodeALaw(s.Span)),
            _ => (speech, PcmChunkSamples, s => Pcm16.ToBytes(s.Span)),
        };
        var rate = units.Length == speech.Length ? RealtimeSessionSettings.PcmRate : RealtimeSessionSettings.G711Rate;

        await StepAsync(run, () => OpenItemAsync(run, entry, lifetime), lifetime).ConfigureAwait(false);
        var index = run.Output.Count - 1;
        await StepAsync(run, () => SendAsync(ContentEvent(new RealtimeResponseContentPartAddedEvent
        {
            Part = new RealtimeContentPart { Type = "audio", Transcript = string.Empty },
        }, run, item, index), lifetime), lifetime).ConfigureAwait(false);

        var pieces = TokenCounter.SplitIntoTokens(text);
        var sent = 0;
        for (var k = 0; k <= pieces.Count; k++)
        {
            if (k < pieces.Count)
            {
                var piece = pieces[k];
                await StepAsync(run, () =>
                {
                    run.PartialText += piece;
                    return SendAsync(Obfuscated(ContentEvent(new RealtimeResponseOutputAudioTranscriptDeltaEvent { Delta = piece }, run, item, index), piece), lifetime);
                }, lifetime).ConfigureAwait(false);
            }

            // The audio that belongs with the words so far (all of it after the last word).
            var boundary = k >= pieces.Count - 1 ? units.Length : (int)((long)units.Length * (k + 1) / pieces.Count);
            while (sent < boundary)
            {
                var start = sent;
                var end = Math.Min(start + chunk, boundary);
                await StepAsync(run, () =>
                {
                    run.OutputAudioMs += (end - start) * 1000L / rate;
                    return SendAsync(ContentEvent(new RealtimeResponseOutputAudioDeltaEvent
                    {
                        Delta = Convert.ToBase64String(encode(units.AsMemory(start, end - start))),
                    }, run, item, index), lifetime);
                }, lifetime).ConfigureAwait(false);
                sent = end;
            }
        }

        await StepAsync(run, async () =>
        {
            await SendAsync(ContentEvent(new RealtimeResponseOutputAudioDoneEvent(), run, item, index), lifetime).ConfigureAwait(false);
            await SendAsync(ContentEvent(new RealtimeResponseOutputAudioTranscriptDoneEvent { Transcript = text }, run, item, index), lifetime).ConfigureAwait(false);
            await SendAsync(ContentEvent(new RealtimeResponseContentPartDoneEvent
            {
                Part = new RealtimeContentPart { Type = "audio", Transcript = text },
            }, run, item, index), lifetime).ConfigureAwait(false);
            item.Content = [RealtimeContentPart.OutputAudio(text)];
            run.OutputText = text;
            await CloseItemAsync(run, entry, RealtimeResponseStatus.Completed, lifetime).ConfigureAwait(false);
        }, lifetime).ConfigureAwait(false);
    }

    private static RealtimeMessageItem AssistantMessage() => new()
    {
        Id = RealtimeIds.NewItemId(),
        Status = RealtimeResponseStatus.InProgress,
        Role = "assistant",
        Content = [],
    };

    private static T ContentEvent<T>(T contentEvent, ResponseRun run, RealtimeConversationItem item, int outputIndex)
        where T : RealtimeResponseContentEvent
    {
        contentEvent.ResponseId = run.Id;
        contentEvent.ItemId = item.Id!;
        contentEvent.OutputIndex = outputIndex;
        contentEvent.ContentIndex = 0;
        return contentEvent;
    }

    /// <summary>One step of a response, under the gate, unless the response was cancelled meanwhile.</summary>
    private async Task StepAsync(ResponseRun run, Func<ValueTask> step, CancellationToken lifetime)
    {
        await _gate.WaitAsync(lifetime).ConfigureAwait(false);
        try
        {
            if (run.CancelRequested)
            {
                throw new OperationCanceledException(run.Cancel.Token);
            }

            await step().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary><c>response.output_item.added</c>, and for the default conversation the item added to it.</summary>
    private async ValueTask OpenItemAsync(ResponseRun run, ConversationEntry entry, CancellationToken lifetime)
    {
        run.OpenItem = entry;
        run.PartialText = string.Empty;
        run.Output.Add(entry.Item);
        await SendAsync(new RealtimeResponseOutputItemAddedEvent { ResponseId = run.Id, OutputIndex = run.Output.Count - 1, Item = entry.Item }, lifetime)
            .ConfigureAwait(false);
        if (run.InBand)
        {
            var previous = _conversation.Insert(entry);
            _conversation.TrimAudio(AudioItemsKept);
            await SendAsync(RealtimeServerEvents.ConversationItemAdded(entry.Item, previous), lifetime).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>conversation.item.done</c> (default conversation only) and <c>response.output_item.done</c>.
    /// OpenAI's item.done for a response's item carries <c>previous_item_id: null</c>; so does this one.
    /// </summary>
    private async ValueTask CloseItemAsync(ResponseRun run, ConversationEntry entry, string status, CancellationToken lifetime)
    {
        entry.Item.Status = status;
        run.OpenItem = null;
        if (run.InBand && _conversation.Contains(entry.Id))
        {
            await SendAsync(RealtimeServerEvents.ConversationItemDone(entry.Item, null), lifetime).ConfigureAwait(false);
        }

        await SendAsync(new RealtimeResponseOutputItemDoneEvent { ResponseId = run.Id, OutputIndex = run.Output.IndexOf(entry.Item), Item = entry.Item }, lifetime)
            .ConfigureAwait(false);
    }

    /// <summary>Closes what is open (as <c>incomplete</c>) and sends <c>response.done</c> with the status, output and usage.</summary>
    private async Task FinishAsync(ResponseRun run, RealtimeErrorDetail? failure, CancellationToken lifetime)
    {
        await _gate.WaitAsync(lifetime).ConfigureAwait(false);
        try
        {
            var status = failure is not null ? RealtimeResponseStatus.Failed
                : run.CancelRequested ? RealtimeResponseStatus.Cancelled
                : run.IncompleteReason is not null ? RealtimeResponseStatus.Incomplete
                : RealtimeResponseStatus.Completed;
            if (run.OpenItem is { } open)
            {
                switch (open.Item)
                {
                    case RealtimeFunctionCallItem call:
                        call.Arguments = run.PartialText;
                        break;
                    case RealtimeMessageItem message:
                        message.Content = [run.Modality == RealtimeSessionSettings.AudioModality
                            ? RealtimeContentPart.OutputAudio(run.PartialText)
                            : RealtimeContentPart.OutputText(run.PartialText)];
                        break;
                }

                run.OutputText = run.PartialText;
                await CloseItemAsync(run, open, RealtimeResponseStatus.Incomplete, lifetime).ConfigureAwait(false);
            }

            var response = run.Response;
            response.Status = status;
            response.StatusDetails = status == RealtimeResponseStatus.Completed ? null : new RealtimeResponseStatusDetails
            {
                Type = status,
                Reason = status == RealtimeResponseStatus.Cancelled ? run.CancelReason : run.IncompleteReason,
                Error = failure,
            };
            response.Output = [.. run.Output];
            response.Usage = RealtimeUsageMeter.Measure(run);
            await SendAsync(RealtimeServerEvents.ResponseDone(response), lifetime).ConfigureAwait(false);
            if (_hub.Logging)
            {
                RealtimeLog.ResponseDone(_hub.Logger, Id, run.Id, status, string.Join(',', run.Output.Select(o => o.Type)),
                    response.Usage.InputTokens ?? 0, response.Usage.OutputTokens ?? 0);
            }
        }
        finally
        {
            lock (_running)
            {
                _running.Remove(run);
            }

            if (ReferenceEquals(_inBand, run))
            {
                _inBand = null;
            }

            _gate.Release();
        }

        await RespondIfTurnWaitingAsync(lifetime).ConfigureAwait(false);
    }

    private async Task RespondIfTurnWaitingAsync(CancellationToken lifetime)
    {
        await _gate.WaitAsync(lifetime).ConfigureAwait(false);
        try
        {
            if (_respondWhenIdle && _inBand is null)
            {
                _respondWhenIdle = false;
                await CreateResponseAsync(null, lifetime).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
