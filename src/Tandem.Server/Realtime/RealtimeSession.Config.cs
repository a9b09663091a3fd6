using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary><c>session.update</c>: a partial merge, answered with the whole effective configuration.</summary>
internal sealed partial class RealtimeSession
{
    private async ValueTask UpdateSessionAsync(RealtimeSessionUpdateEvent update, CancellationToken cancellationToken)
    {
        if (update.Session is not { } session)
        {
            throw RealtimeErrors.Missing("session");
        }

        RealtimeSessionSettings.RejectUnknown(update, string.Empty);

        // Merge works on a copy and throws before anything changes: a refused update leaves the session as it was.
        _config = RealtimeSessionSettings.Merge(_config, session, _hub.Models, _options.DefaultSilenceDurationMs);
        ApplyTurnDetection();
        await SendAsync(RealtimeServerEvents.SessionUpdated(_config), cancellationToken).ConfigureAwait(false);
    }

    private RealtimeAudioFormat InputFormat => _config.Audio?.Input?.Format ?? RealtimeAudioFormat.Pcm24kHz;

    private RealtimeAudioOutputConfig OutputConfig => _config.Audio?.Output ?? new RealtimeAudioOutputConfig { Format = RealtimeAudioFormat.Pcm24kHz, Voice = "alloy", Speed = 1.0 };

    private RealtimeTurnDetection? TurnDetection => _config.Audio?.Input?.TurnDetection;

    private RealtimeTranscriptionConfig? Transcription => _config.Audio?.Input?.Transcription;
}
