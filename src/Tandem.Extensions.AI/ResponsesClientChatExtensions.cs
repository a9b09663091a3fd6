using Microsoft.Extensions.AI;
using Tandem.Responses;

namespace Tandem.Extensions.AI;

/// <summary>Adapts a <see cref="ResponsesClient"/> to Microsoft.Extensions.AI.</summary>
public static class ResponsesClientChatExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> over <paramref name="client"/>, on whichever transport it uses.
    /// The chat client does not own <paramref name="client"/>: dispose that yourself.
    /// </summary>
    /// <param name="client">The Responses client.</param>
    /// <param name="defaultModel">The model used when <c>ChatOptions.ModelId</c> is not set.</param>
    public static IChatClient AsIChatClient(this ResponsesClient client, string? defaultModel = null) =>
        new TandemResponsesChatClient(client, defaultModel);
}
