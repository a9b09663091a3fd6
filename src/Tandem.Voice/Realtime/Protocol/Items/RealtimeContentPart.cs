namespace Tandem.Voice.Realtime.Protocol;

/// <summary>
/// A content part of a message: <c>input_text</c>, <c>input_audio</c>, <c>input_image</c>
/// (user and system), <c>output_text</c>, <c>output_audio</c> (assistant); the parts of
/// <c>response.content_part.*</c> events are <c>text</c> or <c>audio</c>.
/// </summary>
public sealed record RealtimeContentPart : RealtimeWireObject
{
    public const string InputTextType = "input_text";
    public const string InputAudioType = "input_audio";
    public const string InputImageType = "input_image";
    public const string OutputTextType = "output_text";
    public const string OutputAudioType = "output_audio";

    public string? Type { get; set; }

    public string? Text { get; set; }

    /// <summary>Base64 audio in the session's format (absent from server copies of items).</summary>
    public string? Audio { get; set; }

    public string? Transcript { get; set; }

    /// <summary><c>input_image</c>: a <c>data:</c> URI.</summary>
    public string? ImageUrl { get; set; }

    /// <summary><c>input_image</c>: <c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    public string? Detail { get; set; }

    /// <summary><c>item_reference</c> parts: the referenced item.</summary>
    public string? Id { get; set; }

    public static RealtimeContentPart InputText(string text) => new() { Type = InputTextType, Text = text ?? throw new ArgumentNullException(nameof(text)) };

    /// <summary>Audio in the session's input format, base64-encoded here.</summary>
    public static RealtimeContentPart InputAudio(ReadOnlySpan<byte> audio, string? transcript = null) =>
        new() { Type = InputAudioType, Audio = Convert.ToBase64String(audio), Transcript = transcript };

    public static RealtimeContentPart InputImage(string imageDataUri, string? detail = null) =>
        new() { Type = InputImageType, ImageUrl = imageDataUri ?? throw new ArgumentNullException(nameof(imageDataUri)), Detail = detail };

    public static RealtimeContentPart OutputText(string text) => new() { Type = OutputTextType, Text = text ?? throw new ArgumentNullException(nameof(text)) };

    public static RealtimeContentPart OutputAudio(string? transcript) => new() { Type = OutputAudioType, Transcript = transcript };
}
