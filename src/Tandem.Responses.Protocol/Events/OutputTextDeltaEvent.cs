using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol;

/// <summary><c>response.output_text.delta</c>.</summary>
public sealed class OutputTextDeltaEvent : ResponseStreamEvent
{
    // Boxed (a JsonElement? field would add 16 bytes to every delta); "[]", on nearly every delta, is one shared box.
    private object? _logprobs;
    private string? _obfuscation;
    private ShortAscii _obfuscationBytes;

    [JsonConverter(typeof(RepeatedStringConverter))]
    public string ItemId { get; set; } = string.Empty;

    public int OutputIndex { get; set; }

    public int ContentIndex { get; set; }

    public string Delta { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Logprobs
    {
        get => (JsonElement?)_logprobs;
        set => _logprobs = RawJsonElementConverter.Box(value);
    }

    /// <summary>Random padding OpenAI adds so delta sizes do not leak content.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Obfuscation
    {
        get
        {
            var value = Volatile.Read(ref _obfuscation);
            if (value is null && !_obfuscationBytes.IsEmpty)
            {
                // Concurrent first reads agree on one string.
                value = Interlocked.CompareExchange(ref _obfuscation, _obfuscationBytes.ToString(), null) ?? Volatile.Read(ref _obfuscation);
            }

            return value;
        }

        set
        {
            _obfuscationBytes = default;
            Volatile.Write(ref _obfuscation, value);
        }
    }

    /// <summary><c>"logprobs":[]</c>, as read: the one shared box.</summary>
    internal void SetEmptyLogprobs() => _logprobs = RawJsonElementConverter.EmptyArrayBox;

    /// <summary>Keeps a short ASCII obfuscation as its bytes (ParseEvent: nearly nobody reads it); a string is made on first read.</summary>
    internal bool TrySetObfuscation(ReadOnlySpan<byte> utf8)
    {
        if (!ShortAscii.TryCreate(utf8, out var bytes))
        {
            return false;
        }

        _obfuscationBytes = bytes;
        _obfuscation = null;
        return true;
    }
}
