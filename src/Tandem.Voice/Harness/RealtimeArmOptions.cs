namespace Tandem.Voice.Harness;

/// <summary>How a <see cref="RealtimeArm"/> reaches its model and collects a value.</summary>
public sealed class RealtimeArmOptions
{
    /// <summary>The Realtime endpoint: the local server's <c>ws://127.0.0.1:PORT/v1/realtime</c> or OpenAI's.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The model: a local recogniser profile (<c>sphinx-alnum</c>) or an OpenAI realtime model (<c>gpt-realtime-1.5</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The API key, when the endpoint needs one. Never logged or reported.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The input transcription model (<c>gpt-4o-transcribe</c>, or a local profile); null for none.</summary>
    public string? TranscriptionModel { get; init; }

    /// <summary>Longest wait for one capture (connect, audio, response) before it counts as nothing captured.</summary>
    public TimeSpan CaptureTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After the response, how long to wait for a late input transcription (OpenAI may send it after <c>response.done</c>).</summary>
    public TimeSpan TranscriptGrace { get; init; } = TimeSpan.FromSeconds(3);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
