using System.Text.Json;
using Tandem.Voice.Audio;
using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;
using Tandem.Voice.Realtime;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Harness;

/// <summary>
/// An arm over the Realtime protocol: each capture is one session — configure a capture tool,
/// stream the caller's audio as fast as the socket takes it, commit, ask for a response, and read
/// the value from the tool call. Turn detection is off (push-to-talk), so a pause inside a grouped
/// number never splits one answer into two turns; the latency measured is from the commit to the
/// tool call's arguments. The same code runs against the local endpoint and against OpenAI.
/// </summary>
public sealed class RealtimeArm(string name, RealtimeArmOptions options) : IRecognitionArm
{
    /// <summary>The capture tool's name; its single <c>value</c> argument is the captured value.</summary>
    public const string ToolName = "capture_entity";

    private static readonly string ToolSchema = """
        {"type":"object","properties":{"value":{"type":"string","description":"The value exactly as the caller gave it, in its written form (digits, letters, @ and dots)."}},"required":["value"],"additionalProperties":false}
        """;

    public string Name { get; } = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("An arm needs a name.", nameof(name)) : name;

    public async ValueTask<CaptureAttempt> CaptureAsync(EntityKind kind, ReadOnlyMemory<short> pcm24k, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CaptureTimeout);
        var time = options.TimeProvider;
        await using var client = new RealtimeClient(new RealtimeClientOptions
        {
            BaseUrl = options.BaseUrl,
            Model = options.Model,
            ApiKey = options.ApiKey,
            TimeProvider = time,
        });
        try
        {
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            await client.UpdateSessionAsync(Session(kind), timeout.Token).ConfigureAwait(false);
            await client.StreamAudioAsync(
                new MemoryStream(Pcm16.ToBytes(pcm24k.Span)),
                new AudioStreamOptions { Pacing = AudioPacing.AsFastAsPossible, Format = RealtimeAudioFormat.Pcm24kHz },
                timeout.Token).ConfigureAwait(false);
            var committed = await client.CommitAudioAsync(timeout.Token).ConfigureAwait(false);
            var started = time.GetTimestamp();
            await client.SendAsync(new RealtimeResponseCreateEvent(), timeout.Token).ConfigureAwait(false);
            return await ReadCaptureAsync(client, committed.ItemId, started, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CaptureAttempt(string.Empty, null, CaptureSource.Voice, options.CaptureTimeout.TotalMilliseconds);
        }
        catch (RealtimeException ex)
        {
            // An arm that fails a turn captured nothing; the reason stays in the transcript slot for the report.
            return new CaptureAttempt(string.Empty, $"[error: {ex.Code ?? ex.ErrorType}]", CaptureSource.Voice);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private RealtimeSessionConfig Session(EntityKind kind)
    {
        var input = new RealtimeAudioInputConfig { Format = RealtimeAudioFormat.Pcm24kHz }.DisableTurnDetection();
        if (options.TranscriptionModel is { } transcription)
        {
            input.Transcription = new RealtimeTranscriptionConfig { Model = transcription, Language = "en" };
        }
        else
        {
            input.DisableTranscription();
        }

        return new RealtimeSessionConfig
        {
            Instructions = $"You collect the caller's {Describe(kind)}. When they have said it, call {ToolName} with the value written out exactly as they said it. Do not guess missing characters and do not reply with speech.",
            OutputModalities = ["text"],
            Tools = [RealtimeTool.Function(ToolName, $"Records the caller's {Describe(kind)}.", ToolSchema)],
            ToolChoice = RealtimeToolChoice.Required,
            Audio = new RealtimeAudioConfig { Input = input },
        };
    }

    private async Task<CaptureAttempt> ReadCaptureAsync(RealtimeClient client, string itemId, long started, CancellationToken cancellationToken)
    {
        string? value = null;
        string? transcript = null;
        double? latency = null;
        var responseDone = false;
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await foreach (var evt in client.ReadEventsAsync(grace.Token).ConfigureAwait(false))
            {
                switch (evt)
                {
                    case RealtimeResponseFunctionCallArgumentsDoneEvent call when value is null:
                        latency = options.TimeProvider.GetElapsedTime(started).TotalMilliseconds;
                        value = ValueOf(call.Arguments);
                        break;
                    case RealtimeInputAudioTranscriptionCompletedEvent done when done.ItemId == itemId:
                        transcript = done.Transcript ?? string.Empty;
                        break;
                    case RealtimeInputAudioTranscriptionFailedEvent failed when failed.ItemId == itemId:
                        transcript = string.Empty;
                        break;
                    case RealtimeResponseDoneEvent:
                        latency ??= options.TimeProvider.GetElapsedTime(started).TotalMilliseconds;
                        responseDone = true;

                        // OpenAI may send the input transcription after the response: wait a little for it.
                        grace.CancelAfter(options.TranscriptGrace);
                        break;
                }

                if (responseDone && (transcript is not null || options.TranscriptionModel is null))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The grace for a late transcript ran out: the value stands without it.
        }

        return new CaptureAttempt(value ?? string.Empty, transcript, CaptureSource.Voice, latency);
    }

    /// <summary>The <c>value</c> argument; arguments that are not the expected JSON count as the text itself.</summary>
    internal static string ValueOf(string arguments)
    {
        try
        {
            using var doc = JsonDocument.Parse(arguments);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() ?? string.Empty
                : arguments;
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    internal static string Describe(EntityKind kind) => kind switch
    {
        EntityKind.PhoneNumber => "phone number",
        EntityKind.OrderCode => "order confirmation code",
        EntityKind.CardNumber => "card number",
        EntityKind.Postcode => "postcode",
        EntityKind.SpelledName => "surname, spelled letter by letter",
        EntityKind.Email => "email address",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };
}
