namespace Tandem.Responses;

/// <summary>A <c>data:</c> line of an SSE event: its 1-based line number and the 0-based byte offset of its value.</summary>
internal readonly record struct SseDataLine(int LineNumber, int ValueOffset);
