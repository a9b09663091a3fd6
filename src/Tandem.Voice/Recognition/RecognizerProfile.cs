using System.Collections.ObjectModel;

namespace Tandem.Voice.Recognition;

/// <summary>
/// One recogniser "model": an acoustic model plus either a statistical language model or a JSGF
/// grammar, a pronunciation dictionary and decoder tuning. Exactly one of
/// <see cref="LanguageModel"/> and <see cref="Grammar"/> is set.
/// </summary>
public sealed record RecognizerProfile
{
    /// <summary>The model name clients ask for (e.g. <c>sphinx-lm</c>).</summary>
    public required string Name { get; init; }

    /// <summary>An n-gram language model file (ARPA or binary), relative to the model directory or absolute.</summary>
    public string? LanguageModel { get; init; }

    /// <summary>
    /// A JSGF grammar, as text. Its words are looked up in <see cref="Dictionary"/> and only they are
    /// loaded into the decoder, so every word must be in the dictionary.
    /// </summary>
    public string? Grammar { get; init; }

    /// <summary>The pronunciation dictionary, relative to the model directory or absolute.</summary>
    public string Dictionary { get; init; } = "cmudict-en-us.dict";

    /// <summary>The acoustic model directory, relative to the model directory or absolute.</summary>
    public string AcousticModel { get; init; } = "en-us";

    /// <summary>
    /// The level of the reproducible white-noise floor added to the audio before decoding (dBFS;
    /// −120 or NaN for none). Runs of exact digital silence in synthetic or zero-padded audio
    /// otherwise skew the per-utterance normalisation; −70 more than halved the measured word error.
    /// </summary>
    public double ComfortNoiseDbfs { get; init; } = -70;

    /// <summary>
    /// Decoder arguments by name with their leading dash (<c>-wip</c> → <c>1e-3</c>). They override the
    /// recogniser's defaults (<c>-cmn batch</c>, <c>-remove_noise no</c>, <c>-remove_silence no</c>, which
    /// make a result depend on the segment alone); the model paths and sample rate are not settable here.
    /// </summary>
    public IReadOnlyDictionary<string, string> DecoderArguments { get; init; } = ReadOnlyDictionary<string, string>.Empty;
}
