using Tandem.Voice.Entities;

namespace Tandem.Voice.Corpus;

/// <summary>What corpus to generate. Samples of a kind cycle through a seeded shuffle of every combination of
/// (applicable style × voice × speed × condition), so even a small corpus covers the settings evenly.</summary>
public sealed record CorpusOptions
{
    /// <summary>The seed; with the same tool versions, the same options give the same manifest and the same WAV bytes.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Samples per kind; kinds not listed get none.</summary>
    public IReadOnlyDictionary<EntityKind, int> Counts { get; init; } = new Dictionary<EntityKind, int>();

    /// <summary>Styles to use; <see langword="null"/> means every style that applies to each kind
    /// (<see cref="SpokenRenderer.StylesFor"/>). Each kind uses the listed styles that apply to it.</summary>
    public IReadOnlyList<SpokenStyle>? Styles { get; init; }

    /// <summary>Voices to synthesise with.</summary>
    public IReadOnlyList<CorpusVoice> Voices { get; init; } = [new(SpeechEngine.EspeakNg, "en-us")];

    /// <summary>Speaking-rate factors, 0.5 to 2 (1 = the engine's normal rate).</summary>
    public IReadOnlyList<double> Speeds { get; init; } = [1.0];

    /// <summary>Acoustic conditions.</summary>
    public IReadOnlyList<AudioCondition> Conditions { get; init; } = [AudioCondition.Clean];

    /// <summary>How speeds other than 1 are produced.</summary>
    public SpeedMethod SpeedMethod { get; init; } = SpeedMethod.Synthesizer;

    /// <summary>
    /// Signal-to-noise ratio of <see cref="AudioCondition.Noisy"/> in dB, measured on the active speech (−10 to 60).
    /// The default, 15 dB of white noise, is a busy room: clearly audible, still intelligible to a person.
    /// </summary>
    public double NoiseSnrDb { get; init; } = 15;

    /// <summary>How many samples synthesise at once (each runs one to three tool processes).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Shapes of the generated values.</summary>
    public EntityValueOptions Values { get; init; } = new();

    /// <summary>Throws, naming the setting, when the options cannot produce a corpus.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Counts, nameof(Counts));
        foreach (var (kind, count) in Counts)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentException($"Counts names an unknown entity kind {kind}.", nameof(Counts));
            }

            if (count < 0)
            {
                throw new ArgumentException($"Counts[{kind}] is {count}; a count cannot be negative.", nameof(Counts));
            }

            if (count > 0 && StylesOf(kind).Count == 0)
            {
                throw new ArgumentException(
                    $"None of the chosen styles applies to {kind}; it takes {string.Join(", ", SpokenRenderer.StylesFor(kind))}.",
                    nameof(Styles));
            }
        }

        if (Counts.Values.Sum() == 0)
        {
            throw new ArgumentException("Counts asks for no samples at all.", nameof(Counts));
        }

        if (Voices is null || Voices.Count == 0)
        {
            throw new ArgumentException("At least one voice is needed.", nameof(Voices));
        }

        foreach (var voice in Voices)
        {
            if (string.IsNullOrWhiteSpace(voice.Name) || voice.Name.StartsWith('-') || voice.Name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"Voice name '{voice.Name}' is not a voice name.", nameof(Voices));
            }

            if (voice.Pitch is { } pitch && (voice.Engine != SpeechEngine.EspeakNg || pitch is < 0 or > 99))
            {
                throw new ArgumentException($"Voice {voice}: pitch is an espeak-ng setting from 0 to 99.", nameof(Voices));
            }
        }

        if (Speeds is null || Speeds.Count == 0 || Speeds.Any(s => !(s >= 0.5 && s <= 2.0)))
        {
            throw new ArgumentException("Speeds must list at least one factor, each from 0.5 to 2.", nameof(Speeds));
        }

        if (Conditions is null || Conditions.Count == 0 || Conditions.Any(c => !Enum.IsDefined(c)))
        {
            throw new ArgumentException("Conditions must list at least one known condition.", nameof(Conditions));
        }

        if (!(NoiseSnrDb >= -10 && NoiseSnrDb <= 60))
        {
            throw new ArgumentException($"NoiseSnrDb {NoiseSnrDb} is outside -10..60 dB.", nameof(NoiseSnrDb));
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException("MaxDegreeOfParallelism must be at least 1.", nameof(MaxDegreeOfParallelism));
        }

        ArgumentNullException.ThrowIfNull(Values, nameof(Values));
        Values.Validate();
    }

    /// <summary>The styles this corpus uses for <paramref name="kind"/>, in <see cref="SpokenStyle"/> order.</summary>
    internal IReadOnlyList<SpokenStyle> StylesOf(EntityKind kind) =>
        Styles is null
            ? SpokenRenderer.StylesFor(kind)
            : [.. SpokenRenderer.StylesFor(kind).Where(Styles.Contains)];
}
