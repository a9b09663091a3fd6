namespace Tandem.Extensions.AI;

/// <summary>
/// The <c>AdditionalProperties</c> keys <see cref="TandemResponsesChatClient"/> reads and writes, for
/// what Microsoft.Extensions.AI has no member of its own. Anything else the Responses API offers is set
/// by returning a <see cref="Tandem.Responses.Protocol.ResponseCreateRequest"/> from
/// <c>ChatOptions.RawRepresentationFactory</c>: it becomes the base of the request.
/// </summary>
public static class ResponsesChatPropertyNames
{
    /// <summary>
    /// On an assistant <c>ChatMessage</c> or <c>TextContent</c> (string): the message item's
    /// <c>phase</c> (<c>commentary</c>, <c>final_answer</c>), written on the way out and sent back
    /// verbatim, as the API asks.
    /// </summary>
    public const string Phase = "phase";

    /// <summary>On a <c>TextReasoningContent</c> (string): the reasoning item's id, needed to send the item back.</summary>
    public const string ItemId = "item_id";

    /// <summary>On <c>ChatOptions</c> (bool): the request's <c>store</c>. <see langword="false"/> also asks for encrypted reasoning.</summary>
    public const string Store = "store";

    /// <summary>On <c>ChatOptions</c> (string): the WebSocket lane (<c>stream_id</c>) when the client runs multi-lane.</summary>
    public const string Lane = "stream_id";

    /// <summary>
    /// On <c>ChatOptions</c> or an <c>AIFunction</c> (bool): force a function tool's <c>strict</c> on or
    /// off. Without it a tool is strict exactly when its schema can be (see <see cref="TandemResponsesChatClient"/>).
    /// </summary>
    public const string Strict = "strict";
}
