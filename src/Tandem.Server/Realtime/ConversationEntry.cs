using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Recognition;

namespace Tandem.Server.Realtime;

/// <summary>
/// One item of a session's conversation: the server's copy (no audio bytes, as the server sends
/// it), the audio behind it at 24 kHz, and what each model recognised in it (each model hears a
/// user's audio once; the transcription and the response share the result when they use the same model).
/// </summary>
internal sealed class ConversationEntry(RealtimeConversationItem item)
{
    private readonly Dictionary<string, Task<RecognitionResult>> _recognitions = new(StringComparer.Ordinal);

    public RealtimeConversationItem Item { get; set; } = item;

    public string Id => Item.Id!;

    /// <summary>A user item's audio (24 kHz PCM16), or an assistant audio reply's.</summary>
    public short[]? Audio { get; set; }

    /// <summary>The recognition of <see cref="Audio"/> by <paramref name="model"/>, started on the first call.</summary>
    public Task<RecognitionResult> Recognize(string model, Func<Task<RecognitionResult>> start)
    {
        lock (_recognitions)
        {
            if (!_recognitions.TryGetValue(model, out var task))
            {
                task = start();
                _recognitions[model] = task;
            }

            return task;
        }
    }
}
