using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Mapping;

/// <summary>One chat call as the Responses client takes it.</summary>
/// <param name="Request">The request, input already trimmed to what the server does not hold.</param>
/// <param name="CallOptions">Set only when a lane was asked for (streaming is the only call that takes one).</param>
/// <param name="HostedConversationId">A <c>conv_</c> id the caller named; it stays the conversation id of every answer.</param>
internal sealed record ChatCall(ResponseCreateRequest Request, ResponseCallOptions? CallOptions, string? HostedConversationId);
