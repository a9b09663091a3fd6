using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tandem.Voice.Entities;

namespace Tandem.Server.Realtime;

/// <summary>What every Realtime session of a host shares: options, models, the rule model, the synthesiser, the open sessions.</summary>
internal sealed class RealtimeHub : IDisposable
{
    private readonly ConcurrentDictionary<RealtimeSession, byte> _sessions = new();

    public RealtimeHub(TandemServerOptions options, ILogger logger, CancellationToken stopping)
    {
        Server = options;
        Options = options.Realtime;
        Logger = logger;
        Stopping = stopping;
        Models = new RealtimeModelRegistry(Options.Models);
        Model = new LocalRealtimeModel(new EntityNormalizer(Options.Entities));
        Speech = new RealtimeSpeechSynthesizer(Options.SynthesizeSpeech, Options.SpeechVoice);

        // A full 15 MiB append is 20 MiB of base64; the server-wide message limit must not refuse it.
        MaxMessageBytes = (int)Math.Min(int.MaxValue - 1, Math.Max(options.MaxMessageBytes, ((long)Options.MaxAudioBufferBytes * 4 / 3) + (64 * 1024)));
    }

    public TandemServerOptions Server { get; }

    public RealtimeServerOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary>Cancelled when the host stops: sessions close with 1001 (going away).</summary>
    public CancellationToken Stopping { get; }

    public RealtimeModelRegistry Models { get; }

    public LocalRealtimeModel Model { get; }

    public RealtimeSpeechSynthesizer Speech { get; }

    public TimeProvider TimeProvider => Server.TimeProvider;

    public bool Logging => Server.RequestLogging;

    public int MaxMessageBytes { get; }

    public int OpenSessions => _sessions.Count;

    public void Opened(RealtimeSession session) => _sessions.TryAdd(session, 0);

    public void Closed(RealtimeSession session) => _sessions.TryRemove(session, out _);

    /// <summary>Validates the options at start-up, naming what is wrong.</summary>
    public static void Validate(RealtimeServerOptions options)
    {
        if (options.Models.Count == 0)
        {
            throw new ArgumentException("Realtime.Models is empty: the Realtime endpoint needs at least one model.", nameof(options));
        }

        if (!options.Models.ContainsKey(options.DefaultModel))
        {
            throw new ArgumentException($"Realtime.DefaultModel '{options.DefaultModel}' is not one of Realtime.Models ({string.Join(", ", options.Models.Keys)}).", nameof(options));
        }

        if (options.DefaultTranscriptionModel is { } transcription && !options.Models.ContainsKey(transcription))
        {
            throw new ArgumentException($"Realtime.DefaultTranscriptionModel '{transcription}' is not one of Realtime.Models.", nameof(options));
        }

        if (options.MaxSessionDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Realtime.MaxSessionDuration must be positive, not {options.MaxSessionDuration}.", nameof(options));
        }

        if (options.MaxAudioBufferBytes < RealtimeSessionSettings.PcmRate / 5)
        {
            throw new ArgumentException($"Realtime.MaxAudioBufferBytes must hold at least 100 ms of audio ({RealtimeSessionSettings.PcmRate / 5} bytes), not {options.MaxAudioBufferBytes}.", nameof(options));
        }

        if (options.DefaultSilenceDurationMs is < 10 or > 60_000)
        {
            throw new ArgumentException($"Realtime.DefaultSilenceDurationMs must be 10 to 60000, not {options.DefaultSilenceDurationMs}.", nameof(options));
        }
    }

    public void Dispose() => Models.Dispose();
}
