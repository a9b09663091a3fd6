using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>
/// The connection-local state of a lane's most recent response: the whole rendered context, so a
/// continuation needs neither the store nor re-rendering. Works with <c>store:false</c>.
/// </summary>
internal sealed class CachedResponse
{
    public required string Id { get; init; }

    /// <summary>Every item of the conversation including this response's output.</summary>
    public required IReadOnlyList<ResponseItem> Context { get; init; }

    /// <summary>Tokens of <see cref="Context"/>, reported as cached when a continuation hits.</summary>
    public required int ContextTokens { get; init; }

    /// <summary>Function calls of this response that the next turn must answer.</summary>
    public required IReadOnlyList<string> PendingCallIds { get; init; }
}
