using Tandem.Voice.Audio;
using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Recognition;

namespace Tandem.Server.Realtime;

/// <summary>
/// The input audio buffer: appends (PCM16 24 kHz, or G.711 at 8 kHz decoded and resampled to
/// 24 kHz), commits, clears, and server VAD, which commits each detected turn itself.
/// </summary>
internal sealed partial class RealtimeSession
{
    private const int MinCommitMs = 100;

    // Items whose audio stays available to retrieve and truncate (older ones keep their transcripts).
    private const int AudioItemsKept = 64;

    // While server VAD hears no speech, the buffer keeps only its most recent audio: the turn the
    // VAD finds carries its own samples, and a long silent session must not fill the 15 MiB limit.
    private const int IdleVadBufferSeconds = 30;

    private readonly PcmBuffer _buffer = new();
    private long _audioSamplesTotal;
    private VoiceActivityDetector? _vad;
    private string? _vadSettings;
    private long _vadOriginMs;
    private string? _speechItemId;

    private long AudioMsTotal => _audioSamplesTotal * 1000 / RealtimeSessionSettings.PcmRate;

    private async ValueTask AppendAudioAsync(RealtimeInputAudioBufferAppendEvent append, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(append.Audio))
        {
            return;
        }

        var samples = DecodeInput(append.Audio, InputFormat, "audio");
        if (_buffer.Bytes + (samples.Length * 2L) > _options.MaxAudioBufferBytes)
        {
            throw new RealtimeRequestException(RealtimeErrors.BufferFull,
                $"The input audio buffer would exceed {_options.MaxAudioBufferBytes} bytes of 24 kHz PCM16 ({_options.MaxAudioBufferBytes / 48000.0:0.#} s); commit or clear it first.", "audio");
        }

        _buffer.Append(samples);
        _audioSamplesTotal += samples.Length;
        if (_vad is null)
        {
            return;
        }

        foreach (var activity in _vad.Append(samples))
        {
            await HandleVoiceActivityAsync(activity, cancellationToken).ConfigureAwait(false);
        }

        if (!_vad.InSpeech)
        {
            _buffer.KeepLast(IdleVadBufferSeconds * RealtimeSessionSettings.PcmRate);
        }
    }

    private async ValueTask HandleVoiceActivityAsync(VoiceActivityEvent activity, CancellationToken cancellationToken)
    {
        switch (activity)
        {
            case SpeechStarted started:
                _speechItemId = RealtimeIds.NewItemId();
                await SendAsync(RealtimeServerEvents.SpeechStarted((int)(_vadOriginMs + started.AudioStartMs), _speechItemId), cancellationToken).ConfigureAwait(false);
                if (TurnDetection?.InterruptResponse != false && _inBand is { } active)
                {
                    // The caller talks over the reply: OpenAI cancels it (reason turn_detected).
                    active.RequestCancel("turn_detected");
                }

                break;
            case SpeechStopped stopped:
                await CommitSpeechAsync(stopped, cancellationToken).ConfigureAwait(false);
                if (TurnDetection?.CreateResponse != false)
                {
                    if (_inBand is null)
                    {
                        await CreateResponseAsync(null, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        // The reply being interrupted is still closing: answer this turn right after it.
                        _respondWhenIdle = true;
                    }
                }

                break;
        }
    }

    /// <summary>speech_stopped, then the turn's audio committed under the item id speech_started announced.</summary>
    private async ValueTask CommitSpeechAsync(SpeechStopped stopped, CancellationToken cancellationToken)
    {
        var itemId = _speechItemId ?? RealtimeIds.NewItemId();
        _speechItemId = null;
        await SendAsync(RealtimeServerEvents.SpeechStopped((int)(_vadOriginMs + stopped.AudioEndMs), itemId), cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        await CommitAsync(stopped.Audio.ToArray(), itemId, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CommitAudioBufferAsync(CancellationToken cancellationToken)
    {
        // With VAD mid-turn, a manual commit ends the turn where the audio ends (as a VAD stop would).
        if (_vad is { InSpeech: true } && _vad.Flush() is { } stopped)
        {
            await CommitSpeechAsync(stopped, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_buffer.Milliseconds < MinCommitMs)
        {
            throw RealtimeErrors.CommitTooSmall(_buffer.Milliseconds);
        }

        var audio = _buffer.ToArray();
        _buffer.Clear();
        _vad?.Clear();
        await CommitAsync(audio, RealtimeIds.NewItemId(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>committed, then the user item (added, done), then its transcription is queued when one is configured.</summary>
    private async ValueTask CommitAsync(short[] audio, string itemId, CancellationToken cancellationToken)
    {
        var item = new RealtimeMessageItem
        {
            Id = itemId,
            Status = "completed",
            Role = "user",
            Content = [new RealtimeContentPart { Type = RealtimeContentPart.InputAudioType }.WithExplicitNull("transcript")],
        };
        var entry = new ConversationEntry(item) { Audio = audio };
        var previous = _conversation.Insert(entry);
        _conversation.TrimAudio(AudioItemsKept);
        await SendAsync(RealtimeServerEvents.InputAudioBufferCommitted(itemId, previous), cancellationToken).ConfigureAwait(false);
        await SendItemAddedAndDoneAsync(item, previous, cancellationToken).ConfigureAwait(false);
        await QueueTranscriptionAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ClearAudioBufferAsync(CancellationToken cancellationToken)
    {
        _buffer.Clear();
        _vad?.Clear();
        _speechItemId = null;
        await SendAsync(RealtimeServerEvents.InputAudioBufferCleared(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Base64 audio in <paramref name="format"/> as 24 kHz PCM16. G.711 is decoded and resampled
    /// chunk by chunk (each append on its own), which is what a telephone bridge sends: 20 ms frames.
    /// </summary>
    internal static short[] DecodeInput(string base64, RealtimeAudioFormat format, string param)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw RealtimeErrors.Invalid(param, $"Invalid '{param}': expected base64-encoded audio ({format.Type}), but the value is not valid base64.");
        }

        switch (format.Type)
        {
            case RealtimeAudioFormat.PcmuType:
                return Pcm16.Resample(G711.DecodeMuLaw(bytes), RealtimeSessionSettings.G711Rate, RealtimeSessionSettings.PcmRate);
            case RealtimeAudioFormat.PcmaType:
                return Pcm16.Resample(G711.DecodeALaw(bytes), RealtimeSessionSettings.G711Rate, RealtimeSessionSettings.PcmRate);
            default:
                if (bytes.Length % 2 != 0)
                {
                    throw RealtimeErrors.Invalid(param, $"Invalid '{param}': audio/pcm is 16-bit samples, so it needs an even number of bytes; got {bytes.Length}.");
                }

                return Pcm16.FromBytes(bytes);
        }
    }

    /// <summary>
    /// (Re)creates the VAD when turn detection changed. Its clock restarts, so its times are offset
    /// by the audio heard before: <c>audio_start_ms</c> counts from the session's first sample.
    /// semantic_vad runs the same detector, its eagerness mapped to the silence that ends a turn
    /// (low 1500 ms, medium/auto 800 ms, high 400 ms).
    /// </summary>
    private void ApplyTurnDetection()
    {
        var detection = TurnDetection;
        var settings = detection is null ? null : RealtimeJson.Serialize(detection);
        if (settings == _vadSettings)
        {
            return;
        }

        _vadSettings = settings;
        _speechItemId = null;
        _vadOriginMs = AudioMsTotal;
        _vad = detection is null ? null : new VoiceActivityDetector(new VoiceActivityDetectionOptions
        {
            Threshold = detection.Threshold ?? 0.5,
            PrefixPaddingMs = detection.PrefixPaddingMs ?? 300,
            SilenceDurationMs = detection.Type == RealtimeTurnDetection.SemanticVadType
                ? detection.Eagerness switch { "low" => 1500, "high" => 400, _ => 800 }
                : detection.SilenceDurationMs ?? _options.DefaultSilenceDurationMs,
            SampleRate = RealtimeSessionSettings.PcmRate,
        });
    }
}
