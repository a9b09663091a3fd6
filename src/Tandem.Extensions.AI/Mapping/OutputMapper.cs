using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>
/// A <see cref="ResponseObject"/> → <see cref="ChatResponse"/>. Output items become assistant messages:
/// each message item starts a new <see cref="ChatMessage"/> (its id the message id, its phase in
/// <c>AdditionalProperties</c>); reasoning, function calls and other items join the message before them.
/// Streaming groups updates the same way (<see cref="StreamingUpdateMapper"/>).
/// </summary>
internal static class OutputMapper
{
    public const string RefusalErrorCode = "refusal";
    private const string SummarySeparator = "\n\n";

    /// <summary>The <c>UsageDetails.AdditionalCounts</c> keys, named as Microsoft.Extensions.AI.OpenAI names them.</summary>
    public const string CachedTokensKey = "InputTokenDetails.CachedTokenCount";

    public const string ReasoningTokensKey = "OutputTokenDetails.ReasoningTokenCount";

    public static ChatResponse ToChatResponse(ResponseObject response, string? conversationId)
    {
        var createdAt = DateTimeOffset.FromUnixTimeSeconds(response.CreatedAt);
        var result = new ChatResponse(ToMessages(response.Output, createdAt))
        {
            ResponseId = response.Id,
            ConversationId = conversationId,
            ModelId = response.Model,
            CreatedAt = createdAt,
            FinishReason = ToFinishReason(response),
            Usage = ToUsage(response.Usage),
            RawRepresentation = response,
        };
        if (ToError(response) is { } error)
        {
            if (result.Messages.Count == 0)
            {
                result.Messages.Add(new ChatMessage(ChatRole.Assistant, []) { CreatedAt = createdAt });
            }

            result.Messages[^1].Contents.Add(error);
        }

        return result;
    }

    public static List<ChatMessage> ToMessages(IEnumerable<ResponseItem> output, DateTimeOffset? createdAt)
    {
        var messages = new List<ChatMessage>();
        ChatMessage? current = null;
        foreach (var item in output)
        {
            if (item is MessageItem { Id: var id } && current?.MessageId is not null && current.MessageId != id)
            {
                current = null;
            }

            if (current is null)
            {
                current = new ChatMessage(ChatRole.Assistant, []) { CreatedAt = createdAt };
                messages.Add(current);
            }

            switch (item)
            {
                case MessageItem message:
                    current.MessageId = message.Id;
                    current.RawRepresentation = message;
                    if (message.Phase is { } phase)
                    {
                        (current.AdditionalProperties ??= [])[ResponsesChatPropertyNames.Phase] = phase;
                    }

                    foreach (var part in message.Content.Parts ?? [ContentPart.OutputText(message.Content.Text ?? string.Empty)])
                    {
                        current.Contents.Add(ToContent(part, message.Phase));
                    }

                    break;
                case ReasoningItem reasoning:
                    current.Contents.Add(ToReasoning(reasoning));
                    break;
                case FunctionCallItem call:
                    current.Contents.Add(ToCall(call));
                    break;
                case FunctionCallOutputItem callOutput:
                    current.Contents.Add(new FunctionResultContent(callOutput.CallId, callOutput.Output.GetText()) { RawRepresentation = callOutput });
                    break;
                default:
                    current.Contents.Add(new AIContent { RawRepresentation = item });
                    break;
            }
        }

        return messages;
    }

    public static AIContent ToContent(ContentPart part, string? phase)
    {
        AIContent content = part.Type switch
        {
            "refusal" => new ErrorContent(part.Refusal ?? string.Empty) { ErrorCode = RefusalErrorCode },
            "output_text" or "input_text" or "text" => new TextContent(part.Text ?? string.Empty),
            _ => new AIContent(),
        };
        content.RawRepresentation = part;
        if (phase is not null && content is TextContent)
        {
            content.AdditionalProperties = new() { [ResponsesChatPropertyNames.Phase] = phase };
        }

        return content;
    }

    public static TextReasoningContent ToReasoning(ReasoningItem reasoning) => new(SummaryText(reasoning.Summary))
    {
        ProtectedData = reasoning.EncryptedContent,
        RawRepresentation = reasoning,
        AdditionalProperties = reasoning.Id is { } id ? new() { [ResponsesChatPropertyNames.ItemId] = id } : null,
    };

    public static FunctionCallContent ToCall(FunctionCallItem call)
    {
        // A malformed argument text does not throw here: it lands in Exception, which function
        // invocation reports back to the model as the call's result.
        var content = string.IsNullOrWhiteSpace(call.Arguments)
            ? new FunctionCallContent(call.CallId, call.Name)
            : FunctionCallContent.CreateFromParsedArguments(call.Arguments, call.CallId, call.Name, static json => JsonSerializer.Deserialize(json, JsonInfo.Arguments));
        content.RawRepresentation = call;
        return content;
    }

    public static string SummaryText(List<ContentPart> summary) =>
        summary.Count == 1 ? summary[0].Text ?? string.Empty : string.Join(SummarySeparator, summary.Select(p => p.Text ?? string.Empty));

    public static UsageDetails? ToUsage(ResponseUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.InputTokensDetails.CachedTokens,
            ReasoningTokenCount = usage.OutputTokensDetails.ReasoningTokens,

            // Also under the keys other OpenAI adapters use, so code reading those finds them.
            AdditionalCounts = new()
            {
                [CachedTokensKey] = usage.InputTokensDetails.CachedTokens,
                [ReasoningTokensKey] = usage.OutputTokensDetails.ReasoningTokens,
            },
        };
    }

    public static ChatFinishReason? ToFinishReason(ResponseObject response) => response.Status switch
    {
        ResponseStatus.Incomplete => response.IncompleteDetails?.Reason switch
        {
            "max_output_tokens" => ChatFinishReason.Length,
            "content_filter" => ChatFinishReason.ContentFilter,
            { } other => new ChatFinishReason(other),
            null => null,
        },
        ResponseStatus.Completed => response.Output.Any(i => i is FunctionCallItem) ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        _ => null,
    };

    public static ErrorContent? ToError(ResponseObject response) =>
        response.Error is { } error ? new ErrorContent(error.Message) { ErrorCode = error.Code } : null;
}
