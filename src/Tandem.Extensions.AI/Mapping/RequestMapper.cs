using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>Messages and <see cref="ChatOptions"/> → one <see cref="ResponseCreateRequest"/>.</summary>
internal static class RequestMapper
{
    private const string IncludeEncryptedReasoning = "reasoning.encrypted_content";
    private const string HostedConversationPrefix = "conv_";

    public static ChatCall Map(IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, IChatClient owner)
    {
        // A caller's own request is the base: every field it sets wins over the mapped options.
        var request = options?.RawRepresentationFactory?.Invoke(owner) is ResponseCreateRequest raw ? raw.Clone() : new ResponseCreateRequest();
        request.Model ??= options?.ModelId ?? defaultModel
            ?? throw new InvalidOperationException("No model: set ChatOptions.ModelId or give the chat client a default model.");

        string? lane = null;
        if (options is not null)
        {
            request.Temperature ??= Exact(options.Temperature);
            request.TopP ??= Exact(options.TopP);
            request.MaxOutputTokens ??= options.MaxOutputTokens;
            request.Instructions = Join(request.Instructions, options.Instructions);
            ToolMapper.Apply(request, options);
            request.Text ??= ToolMapper.TextFormat(options.ResponseFormat, JsonValues.Flag(options.AdditionalProperties, ResponsesChatPropertyNames.Strict));
            request.Reasoning ??= Reasoning(options.Reasoning);
            request.Store ??= JsonValues.Flag(options.AdditionalProperties, ResponsesChatPropertyNames.Store);
            lane = JsonValues.Text(options.AdditionalProperties, ResponsesChatPropertyNames.Lane);
        }

        string? hosted = null;
        if (request.PreviousResponseId is null && request.Conversation is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) }
            && options?.ConversationId is { Length: > 0 } conversationId)
        {
            if (conversationId.StartsWith(HostedConversationPrefix, StringComparison.Ordinal))
            {
                request.Conversation = JsonValues.String(conversationId);
                hosted = conversationId;
            }
            else
            {
                request.PreviousResponseId = conversationId;
            }
        }

        var continues = request.PreviousResponseId is not null || request.Conversation is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
        var items = new List<ResponseItem>(request.Input?.AsItems() ?? []);
        items.AddRange(InputItemMapper.ToItems(continues ? NotYetSent(messages) : messages));
        request.Input = new ResponseInput(items);

        if (request.Store == false)
        {
            // Without storage, reasoning survives a turn only as encrypted content sent back by the caller.
            var include = request.Include is null ? new List<string>() : [.. request.Include];
            if (!include.Contains(IncludeEncryptedReasoning))
            {
                include.Add(IncludeEncryptedReasoning);
            }

            request.Include = include;
        }

        return new ChatCall(request, lane is null ? null : new ResponseCallOptions { Lane = lane }, hosted);
    }

    /// <summary>
    /// The messages the previous response does not hold: those after the last assistant message.
    /// Everything up to it was that response's input or output (or an earlier one's in the chain).
    /// </summary>
    internal static IEnumerable<ChatMessage> NotYetSent(IEnumerable<ChatMessage> messages)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Role == ChatRole.Assistant)
            {
                return list.Skip(i + 1);
            }
        }

        return list;
    }

    /// <summary><c>0.7f</c> goes on the wire as <c>0.7</c>, not <c>0.699999988079071</c>.</summary>
    private static double? Exact(float? value) => value is { } v && float.IsFinite(v) ? (double)(decimal)v : value;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : first + "\n" + second;

    private static JsonElement? Reasoning(ReasoningOptions? reasoning)
    {
        if (reasoning is null || (reasoning.Effort is null && reasoning.Output is null))
        {
            return null;
        }

        var effort = reasoning.Effort switch
        {
            ReasoningEffort.None => "none",
            ReasoningEffort.Low => "low",
            ReasoningEffort.Medium => "medium",
            ReasoningEffort.High => "high",
            ReasoningEffort.ExtraHigh => "xhigh",
            _ => null,
        };
        var summary = reasoning.Output switch
        {
            ReasoningOutput.Summary => "auto",
            ReasoningOutput.Full => "detailed",
            _ => null, // None: the API's default is no summary
        };
        return JsonValues.Build(w =>
        {
            w.WriteStartObject();
            if (effort is not null)
            {
                w.WriteString("effort", effort);
            }

            if (summary is not null)
            {
                w.WriteString("summary", summary);
            }

            w.WriteEndObject();
        });
    }
}
