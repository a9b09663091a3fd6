using System.Text.Json;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// The raw clients' whole parser: find the top-level <c>"type"</c> of an event with a
/// <see cref="Utf8JsonReader"/> and compare it in place, allocating nothing. This is the floor any
/// client must pay to know when a response ends.
/// </summary>
public static class EventTypeReader
{
    public static EventKind Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An event is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                reader.Skip(); // type comes first in practice, so this rarely walks a value
                continue;
            }

            reader.Read();
            if (reader.ValueTextEquals("response.completed"u8))
            {
                return EventKind.Completed;
            }

            return reader.ValueTextEquals("response.failed"u8) || reader.ValueTextEquals("response.incomplete"u8) || reader.ValueTextEquals("error"u8)
                ? EventKind.Failed
                : EventKind.Other;
        }

        throw new JsonException("An event has no \"type\".");
    }
}
