using System.Text;
using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Recognition;

namespace Tandem.Server.Realtime;

/// <summary>
/// Input transcription, as OpenAI runs it: a separate recogniser, asynchronous, in commit order, its
/// events (<c>.delta</c> per word, then <c>.completed</c>, or <c>.failed</c>) landing between the
/// response's. The transcription model is the session's <c>transcription.model</c> when it names a
/// local model; an OpenAI name (gpt-4o-transcribe, whisper-1…) falls back to
/// <see cref="RealtimeServerOptions.DefaultTranscriptionModel"/>, else to the session's model.
/// </summary>
internal sealed partial class RealtimeSession
{
    private const int TranscriptionQueueCapacity = 32;

    private async ValueTask QueueTranscriptionAsync(ConversationEntry entry, CancellationToken cancellationToken)
    {
        if (Transcription is not { } transcription)
        {
            return;
        }

        var model = transcription.Model is { } named && _hub.Models.Contains(named)
            ? named
            : _options.DefaultTranscriptionModel ?? _config.Model!;
        var logprobs = _config.Include?.Contains(RealtimeSessionSettings.LogprobsInclude) == true;
        if (!_transcriptions.Writer.TryWrite(new TranscriptionJob(entry, model, logprobs)))
        {
            await SendAsync(TranscriptionFailed(entry.Id, "transcription_queue_full",
                $"{TranscriptionQueueCapacity} transcriptions are already waiting; this item was not transcribed."), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunTranscriptionsAsync(CancellationToken cancellationToken)
    {
        await foreach (var job in _transcriptions.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await TranscribeAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TranscribeAsync(TranscriptionJob job, CancellationToken cancellationToken)
    {
        RecognitionResult? result = null;
        string? failure = null;
        try
        {
            result = await RecognizeAsync(job.Entry, job.Model).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = $"Transcription with '{job.Model}' failed: {ex.Message}";
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_conversation.Contains(job.Entry.Id))
            {
                // Deleted while it was being transcribed: nobody is waiting for its transcript.
                return;
            }

            if (result is null)
            {
                await SendAsync(TranscriptionFailed(job.Entry.Id, "transcription_failed", failure!), cancellationToken).ConfigureAwait(false);
                return;
            }

            var words = result.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var delta = i == 0 ? words[i] : " " + words[i];
                await SendAsync(Obfuscated(new RealtimeInputAudioTranscriptionDeltaEvent
                {
                    ItemId = job.Entry.Id,
                    ContentIndex = 0,
                    Delta = delta,
                    Logprobs = job.Logprobs ? [LogProb(delta, WordConfidence(result, i))] : null,
                }, delta), cancellationToken).ConfigureAwait(false);
            }

            if (job.Entry.Item is RealtimeMessageItem { Content: [{ Type: RealtimeContentPart.InputAudioType } part, ..] })
            {
                part.Transcript = result.Text;
            }

            var seconds = job.Entry.Audio is { } audio ? Math.Ceiling(audio.Length / (double)RealtimeSessionSettings.PcmRate) : 0;
            await SendAsync(new RealtimeInputAudioTranscriptionCompletedEvent
            {
                ItemId = job.Entry.Id,
                ContentIndex = 0,
                Transcript = result.Text,
                Usage = new RealtimeTranscriptionUsage { Type = "duration", Seconds = seconds },
                Logprobs = job.Logprobs ? [.. words.Select((w, i) => LogProb(i == 0 ? w : " " + w, WordConfidence(result, i)))] : null,
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// What <paramref name="model"/> hears in the entry's audio; each model decodes an item once, on
    /// the session's lifetime (a cancelled response does not waste a transcription's decode).
    /// </summary>
    private Task<RecognitionResult> RecognizeAsync(ConversationEntry entry, string model)
    {
        if (entry.Audio is not { Length: > 0 } audio)
        {
            return Task.FromResult(RecognitionResult.Empty);
        }

        var lifetime = _lifetime.Token;
        return entry.Recognize(model, () => Task.Run(async () =>
        {
            try
            {
                var recognizer = _hub.Models.Get(model);
                return await recognizer.RecognizeAsync(audio, RealtimeSessionSettings.PcmRate, lifetime).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (_hub.Logging)
                {
                    RealtimeLog.RecognitionFailed(_hub.Logger, Id, model, ex.Message);
                }

                throw;
            }
        }, lifetime));
    }

    private static RealtimeInputAudioTranscriptionFailedEvent TranscriptionFailed(string itemId, string code, string message) => new()
    {
        ItemId = itemId,
        ContentIndex = 0,
        Error = RealtimeErrors.Detail("transcription_error", code, message, null, null),
    };

    private static double? WordConfidence(RecognitionResult result, int index) =>
        index < result.Words.Count ? result.Words[index].Confidence : result.Confidence;

    /// <summary>A log probability from the recogniser's posterior (0 when it gives none: PocketSphinx grammar search).</summary>
    private static RealtimeLogProb LogProb(string token, double? confidence) => new()
    {
        Token = token,
        Logprob = confidence is > 0 and <= 1 ? Math.Log(confidence.Value) : 0,
        Bytes = [.. Encoding.UTF8.GetBytes(token).Select(b => (int)b)],
    };
}
