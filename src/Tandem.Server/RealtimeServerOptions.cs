using Tandem.Voice.Entities;
using Tandem.Voice.Recognition;

namespace Tandem.Server;

/// <summary>
/// Settings of the local Realtime endpoint, <c>GET /v1/realtime?model=…</c> (WebSocket, the GA
/// protocol). Its "models" are offline speech recognisers standing in for a realtime model: they
/// are local names (<c>sphinx-lm</c>, <c>sphinx-alnum</c>), not OpenAI models, and the "understanding"
/// behind them is a small deterministic rule set (see docs/realtime.md).
/// </summary>
public sealed class RealtimeServerOptions
{
    /// <summary>When false, <c>/v1/realtime</c> answers 404 as a server without the endpoint would.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The models a client may name in the URL (<c>?model=</c>) or as a transcription model: name →
    /// factory of its recogniser. A factory is called once, on first use, with the model's name; the
    /// recogniser is then shared by every session (so it must be thread-safe) and disposed with the
    /// host. A factory that throws (PocketSphinx not installed, say) makes that model's
    /// transcriptions fail with a <c>conversation.item.input_audio_transcription.failed</c> event;
    /// text turns still work. Defaults: <c>sphinx-lm</c> and <c>sphinx-alnum</c> via <see cref="PocketSphinxRecognizer"/>.
    /// </summary>
    public Dictionary<string, Func<string, ISpeechRecognizer>> Models { get; } = new(StringComparer.Ordinal)
    {
        [RecognizerProfiles.SphinxLmName] = CreatePocketSphinx,
        [RecognizerProfiles.SphinxAlnumName] = CreatePocketSphinx,
    };

    /// <summary>The model of a connection whose URL names none.</summary>
    public string DefaultModel { get; set; } = RecognizerProfiles.SphinxLmName;

    /// <summary>
    /// The recogniser used for input transcription when the session's <c>transcription.model</c> is
    /// not one of <see cref="Models"/> (an OpenAI name such as <c>gpt-4o-transcribe</c>); null uses
    /// the session's own model.
    /// </summary>
    public string? DefaultTranscriptionModel { get; set; }

    /// <summary>How long one session may live (OpenAI: 60 minutes); then an error event and a close.</summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// The most input audio one uncommitted buffer (and so one append) may hold, counted as 24 kHz
    /// PCM16 bytes (OpenAI: 15 MiB, about 5.5 minutes).
    /// </summary>
    public int MaxAudioBufferBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>The instructions of a new session.</summary>
    public string DefaultInstructions { get; set; } =
        "You are Tandem's local realtime stand-in. Replies follow fixed rules: an echo of the user's words, or a call of the first tool with the value heard.";

    /// <summary>
    /// The <c>silence_duration_ms</c> of a new session's server VAD (OpenAI documents 500 ms; its
    /// recorded sessions start at 200 ms). Lengthen it for callers who pause inside codes.
    /// </summary>
    public int DefaultSilenceDurationMs { get; set; } = 500;

    /// <summary>
    /// Speak audio replies with <c>espeak-ng</c> when it is installed; when it is not (or this is
    /// false), audio replies are silence of a plausible length.
    /// </summary>
    public bool SynthesizeSpeech { get; set; } = true;

    /// <summary>
    /// How the local model normalises captured values (region for phone numbers and postcodes, code
    /// alphabet…); null uses <see cref="EntityOptions.Default"/> (US).
    /// </summary>
    public EntityOptions? Entities { get; set; }

    /// <summary>The espeak-ng voice of audio replies (the session's <c>voice</c> is echoed but not mapped).</summary>
    public string SpeechVoice { get; set; } = "en-us";

    private static ISpeechRecognizer CreatePocketSphinx(string name) => new PocketSphinxRecognizer(name);
}
