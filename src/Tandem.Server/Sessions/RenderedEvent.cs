using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>
/// An event of a response being streamed, with its UTF-8 JSON (without <c>stream_id</c>) when it
/// was already serialised for the store; <see langword="null"/> otherwise.
/// </summary>
internal readonly record struct RenderedEvent(ResponseStreamEvent Event, byte[]? Json);
