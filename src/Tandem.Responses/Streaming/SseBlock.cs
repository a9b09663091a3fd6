namespace Tandem.Responses;

/// <summary>
/// One dispatched SSE event before its data is parsed: the event type, the data (lines joined by
/// <c>\n</c>), and where each data line's value starts in the input so JSON errors can be placed.
/// </summary>
internal sealed record SseBlock(string EventType, byte[] Data, SseDataLine[] DataLines, int FirstLine);
