using System.Runtime.CompilerServices;
using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Server.Backends;
using Tandem.Server.Operations;

namespace Tandem.Server.Sessions;

/// <summary>Rendering a prepared response as the Responses API's event sequence.</summary>
internal sealed partial class ResponseEngine
{
    private static readonly JsonElement DefaultText = JsonDocument.Parse("""{"format":{"type":"text"},"verbosity":"medium"}""").RootElement;
    private static readonly JsonElement DefaultReasoning = JsonDocument.Parse("""{"effort":null,"summary":null}""").RootElement;
    private static readonly JsonElement AutoToolChoice = JsonDocument.Parse("\"auto\"").RootElement;

    /// <summary>
    /// The events of <paramref name="prepared"/>, in the canonical order, timed by the latency profile
    /// against absolute deadlines. Stores the response (<c>store:true</c>) and fills
    /// <see cref="PreparedResponse.Completed"/> before the terminal event is yielded, so a client that
    /// reacts to <c>response.completed</c> always finds it.
    /// </summary>
    public async IAsyncEnumerable<RenderedEvent> StreamAsync(PreparedResponse prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var profile = _profile;
        var timed = !profile.IsZero;
        var recorded = prepared.Store ? new List<byte[]>() : null;
        var seq = 0;

        var schedule = ResponseSchedule.For(profile, prepared.Origin.Transport == Transport.Http, prepared.LoadedItems,
            prepared.InputTokens, prepared.CachedTokens, prepared.ReasoningTokens, generates: !prepared.IsWarmup);
        var emittedTokens = 0;
        var servedCalls = _observer is null ? null : new List<ServedCall>(); // only the bench listens

        if (timed)
        {
            await prepared.Clock.WaitUntilAsync(schedule.CreatedAtMs, cancellationToken).ConfigureAwait(false);
        }

        var initial = BuildResponse(prepared, ResponseStatus.InProgress, [], usage: null);
        yield return Record(new ResponseLifecycleEvent { Type = ResponseEventTypes.Created, SequenceNumber = seq++, Response = initial }, recorded);
        if (!prepared.IsWarmup)
        {
            yield return Record(new ResponseLifecycleEvent { Type = ResponseEventTypes.InProgress, SequenceNumber = seq++, Response = initial }, recorded);
        }

        var outputTokens = prepared.ReasoningTokens;
        var index = -1;
        foreach (var item in prepared.Output)
        {
            if (item is RawEventItem raw)
            {
                // A scenario's verbatim event (an unknown type, an in-band error…): it takes a
                // sequence number but no output index, and an error ends the stream as it would upstream.
                var injected = raw.ToEvent(seq++);
                yield return Record(injected, recorded);
                if (injected.IsTerminal)
                {
                    yield break;
                }

                continue;
            }

            index++;
            if (timed)
            {
                // An item appears when the model starts producing it, not when the response starts.
                await prepared.Clock.WaitUntilAsync(schedule.TokenAtMs(emittedTokens), cancellationToken).ConfigureAwait(false);
            }

            switch (item)
            {
                case MessageItem message:
                {
                    var text = message.GetText();
                    yield return Record(new OutputItemEvent
                    {
                        Type = ResponseEventTypes.OutputItemAdded,
                        SequenceNumber = seq++,
                        OutputIndex = index,
                        Item = new MessageItem { Id = message.Id, Status = ResponseStatus.InProgress, Content = new MessageContent([]), Phase = message.Phase, Role = message.Role },
                    }, recorded);
                    yield return Record(new ContentPartEvent
                    {
                        Type = ResponseEventTypes.ContentPartAdded,
                        SequenceNumber = seq++,
                        ItemId = message.Id!,
                        OutputIndex = index,
                        ContentIndex = 0,
                        Part = ContentPart.OutputText(string.Empty),
                    }, recorded);
                    foreach (var piece in TokenCounter.SplitIntoTokens(text))
                    {
                        if (timed)
                        {
                            await prepared.Clock.WaitUntilAsync(schedule.TokenAtMs(emittedTokens), cancellationToken).ConfigureAwait(false);
                        }

                        emittedTokens++;
                        yield return Record(new OutputTextDeltaEvent
                        {
                            Type = ResponseEventTypes.OutputTextDelta,
                            SequenceNumber = seq++,
                            ItemId = message.Id!,
                            OutputIndex = index,
                            ContentIndex = 0,
                            Delta = piece,
                            Logprobs = ContentPart.EmptyArray,
                            Obfuscation = Obfuscation.For(piece),
                        }, recorded);
                    }

                    yield return Record(new OutputTextDoneEvent
                    {
                        Type = ResponseEventTypes.OutputTextDone,
                        SequenceNumber = seq++,
                        ItemId = message.Id!,
                        OutputIndex = index,
                        ContentIndex = 0,
                        Text = text,
                        Logprobs = ContentPart.EmptyArray,
                    }, recorded);
                    yield return Record(new ContentPartEvent
                    {
                        Type = ResponseEventTypes.ContentPartDone,
                        SequenceNumber = seq++,
                        ItemId = message.Id!,
                        OutputIndex = index,
                        ContentIndex = 0,
                        Part = ContentPart.OutputText(text),
                    }, recorded);
                    break;
                }

                case FunctionCallItem call:
                {
                    yield return Record(new OutputItemEvent
                    {
                        Type = ResponseEventTypes.OutputItemAdded,
                        SequenceNumber = seq++,
                        OutputIndex = index,
                        Item = new FunctionCallItem { Id = call.Id, Status = ResponseStatus.InProgress, Arguments = string.Empty, CallId = call.CallId, Name = call.Name },
                    }, recorded);
                    foreach (var piece in TokenCounter.SplitIntoTokens(call.Arguments))
                    {
                        if (timed)
                        {
                            await prepared.Clock.WaitUntilAsync(schedule.TokenAtMs(emittedTokens), cancellationToken).ConfigureAwait(false);
                        }

                        emittedTokens++;
                        yield return Record(new FunctionCallArgumentsDeltaEvent
                        {
                            Type = ResponseEventTypes.FunctionCallArgumentsDelta,
                            SequenceNumber = seq++,
                            ItemId = call.Id!,
                            OutputIndex = index,
                            Delta = piece,
                            Obfuscation = Obfuscation.For(piece),
                        }, recorded);
                    }

                    yield return Record(new FunctionCallArgumentsDoneEvent
                    {
                        Type = ResponseEventTypes.FunctionCallArgumentsDone,
                        SequenceNumber = seq++,
                        ItemId = call.Id!,
                        Name = call.Name, // current API streams carry the name (the official SDKs read it)
                        OutputIndex = index,
                        Arguments = call.Arguments,
                    }, recorded);
                    break;
                }

                case UnknownResponseItem or CompactionItem:
                    yield return Record(new OutputItemEvent { Type = ResponseEventTypes.OutputItemAdded, SequenceNumber = seq++, OutputIndex = index, Item = item }, recorded);
                    break;

                case ReasoningItem reasoning:
                {
                    yield return Record(new OutputItemEvent
                    {
                        Type = ResponseEventTypes.OutputItemAdded,
                        SequenceNumber = seq++,
                        OutputIndex = index,
                        Item = new ReasoningItem { Id = reasoning.Id, Summary = [], EncryptedContent = reasoning.EncryptedContent },
                    }, recorded);
                    for (var s = 0; s < reasoning.Summary.Count; s++)
                    {
                        var summary = reasoning.Summary[s].Text ?? string.Empty;
                        yield return Record(new ReasoningSummaryPartEvent
                        {
                            Type = ResponseEventTypes.ReasoningSummaryPartAdded,
                            SequenceNumber = seq++,
                            ItemId = reasoning.Id!,
                            OutputIndex = index,
                            SummaryIndex = s,
                            Part = new ContentPart { Type = "summary_text", Text = string.Empty },
                        }, recorded);
                        foreach (var piece in TokenCounter.SplitIntoTokens(summary))
                        {
                            yield return Record(new ReasoningSummaryTextDeltaEvent
                            {
                                Type = ResponseEventTypes.ReasoningSummaryTextDelta,
                                SequenceNumber = seq++,
                                ItemId = reasoning.Id!,
                                OutputIndex = index,
                                SummaryIndex = s,
                                Delta = piece,
                                Obfuscation = Obfuscation.For(piece),
                            }, recorded);
                        }

                        yield return Record(new ReasoningSummaryTextDoneEvent
                        {
                            Type = ResponseEventTypes.ReasoningSummaryTextDone,
                            SequenceNumber = seq++,
                            ItemId = reasoning.Id!,
                            OutputIndex = index,
                            SummaryIndex = s,
                            Text = summary,
                        }, recorded);
                        yield return Record(new ReasoningSummaryPartEvent
                        {
                            Type = ResponseEventTypes.ReasoningSummaryPartDone,
                            SequenceNumber = seq++,
                            ItemId = reasoning.Id!,
                            OutputIndex = index,
                            SummaryIndex = s,
                            Part = new ContentPart { Type = "summary_text", Text = summary },
                        }, recorded);
                    }

                    break;
                }
            }

            if (item is not CompactionItem)
            {
                outputTokens += TokenCounter.Count(item); // compaction is the server's work, not the model's output
            }

            if (servedCalls is not null && item is FunctionCallItem done)
            {
                servedCalls.Add(new ServedCall(done.CallId, done.Name, schedule.TokenAtMs(Math.Max(0, emittedTokens - 1))));
            }

            yield return Record(new OutputItemEvent { Type = ResponseEventTypes.OutputItemDone, SequenceNumber = seq++, OutputIndex = index, Item = item }, recorded);
        }

        if (timed)
        {
            // A response is done when its last token is decoded, even if it had nothing visible to stream.
            await prepared.Clock.WaitUntilAsync(schedule.TokenAtMs(emittedTokens), cancellationToken).ConfigureAwait(false);
        }

        var usage = new ResponseUsage
        {
            InputTokens = prepared.InputTokens,
            InputTokensDetails = new InputTokensDetails { CachedTokens = prepared.CachedTokens },
            OutputTokens = prepared.IsWarmup ? 0 : outputTokens,
            OutputTokensDetails = new OutputTokensDetails { ReasoningTokens = prepared.ReasoningTokens },
        };
        usage.TotalTokens = usage.InputTokens + usage.OutputTokens;
        var final = BuildResponse(prepared, ResponseStatus.Completed, [.. prepared.Output.Where(i => i is not RawEventItem)], usage);
        final.CompletedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        var completed = Record(new ResponseLifecycleEvent { Type = ResponseEventTypes.Completed, SequenceNumber = seq, Response = final }, recorded);

        List<ResponseItem> fullContext;
        int contextTokens;
        if (final.Output.FindLastIndex(i => i is CompactionItem) is var compacted and >= 0)
        {
            // The compaction stands for everything before it: the next turn reads from there on.
            fullContext = final.Output.GetRange(compacted, final.Output.Count - compacted);
            contextTokens = TokenCounter.Count(fullContext);
        }
        else
        {
            fullContext = new List<ResponseItem>(prepared.PriorContext.Count + prepared.Input.Count + prepared.Output.Count);
            fullContext.AddRange(prepared.PriorContext);
            fullContext.AddRange(prepared.Input);
            fullContext.AddRange(final.Output);
            contextTokens = prepared.InputTokens - TokenCounter.Count(prepared.Request.Instructions) - (prepared.Request.Tools?.Sum(TokenCounter.Count) ?? 0) + outputTokens - prepared.ReasoningTokens;
        }

        prepared.Completed = new CachedResponse
        {
            Id = prepared.Id,
            Context = fullContext,
            ContextTokens = contextTokens,
            PendingCallIds = prepared.Output.OfType<FunctionCallItem>().Select(f => f.CallId).ToList(),
        };
        prepared.Final = final;
        _observer?.Invoke(new ServedResponse(
            prepared.Id, prepared.Origin.Transport == Transport.Http, prepared.LoadedItems, usage.InputTokens, usage.InputTokensDetails.CachedTokens,
            usage.OutputTokens, schedule.TokenAtMs(emittedTokens), servedCalls!));

        if (recorded is not null)
        {
            await _store.SaveAsync(
                new StoredResponse { Id = prepared.Id, Owner = prepared.Origin.Owner, Response = final, Input = prepared.Input, Events = recorded },
                CancellationToken.None).ConfigureAwait(false);
        }

        if (_logRequests)
        {
            ServerLog.ResponseCompleted(_logger, prepared.Id, prepared.Origin.Transport, prepared.Origin.Lane, final.Model, final.Status,
                usage.InputTokens, usage.InputTokensDetails.CachedTokens, usage.OutputTokens, prepared.LoadedItems, prepared.Clock.ElapsedMs);
        }

        yield return completed;
    }

    /// <summary>
    /// Serialises the event once when the response is stored; the transports send those same bytes
    /// instead of serialising the event a second time.
    /// </summary>
    private static RenderedEvent Record(ResponseStreamEvent evt, List<byte[]>? recorded)
    {
        if (recorded is null)
        {
            return new RenderedEvent(evt, null);
        }

        var json = ProtocolJson.SerializeToUtf8Bytes(evt);
        recorded.Add(json);
        return new RenderedEvent(evt, json);
    }

    private static ResponseObject BuildResponse(PreparedResponse p, string status, List<ResponseItem> output, ResponseUsage? usage)
    {
        var r = p.Request;
        return new ResponseObject
        {
            Id = p.Id,
            CreatedAt = p.CreatedAt,
            Status = status,
            Background = false,
            Instructions = r.Instructions,
            MaxOutputTokens = r.MaxOutputTokens,
            MaxToolCalls = r.MaxToolCalls,
            Model = r.Model!,
            Output = output,
            ParallelToolCalls = r.ParallelToolCalls ?? true,
            PreviousResponseId = r.PreviousResponseId,
            PromptCacheKey = r.PromptCacheKey,
            Reasoning = r.Reasoning ?? DefaultReasoning,
            SafetyIdentifier = r.SafetyIdentifier,
            ServiceTier = r.ServiceTier ?? "default",
            Store = p.Store,
            Temperature = r.Temperature ?? 1.0,
            Text = r.Text ?? DefaultText,
            ToolChoice = r.ToolChoice ?? AutoToolChoice,
            Tools = r.Tools ?? [],
            TopP = r.TopP ?? 1.0,
            Truncation = r.Truncation ?? "disabled",
            Usage = usage,
            User = r.User,
            Metadata = r.Metadata ?? [],
            PromptCacheRetention = r.PromptCacheRetention,
            TopLogprobs = r.TopLogprobs ?? 0,
        };
    }

}
