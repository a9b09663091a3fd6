using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tandem.Voice.Audio;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Corpus;

/// <summary>
/// Generates a spoken entity corpus: values from <see cref="EntityValueGenerator"/>, utterances from
/// <see cref="SpokenRenderer"/>, audio from espeak-ng/flite and sox, written as 24 kHz PCM16 mono WAV files plus a
/// JSON Lines manifest.
/// </summary>
/// <remarks>
/// Determinism: the plan (values, styles, voices, speeds, conditions, texts) depends only on the options; the audio
/// depends in addition on the versions of espeak-ng, flite and sox (recorded by <see cref="SpeechTools"/>). Noise is
/// generated and mixed in integer arithmetic here, and sox runs without dither, so the same seed and tool versions
/// give the same bytes.
/// </remarks>
public sealed partial class CorpusGenerator
{
    private readonly ILogger _logger;

    /// <summary>Creates a generator; the options are validated here.</summary>
    public CorpusGenerator(CorpusOptions options, ILogger<CorpusGenerator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The options.</summary>
    public CorpusOptions Options { get; }

    /// <summary>
    /// The samples the corpus will hold, without synthesising anything (<see cref="CorpusSample.DurationMs"/> is 0).
    /// Kinds in <see cref="EntityKind"/> order, then by index.
    /// </summary>
    public IReadOnlyList<CorpusSample> Plan() => [.. PlanSamples().Select(p => p.Sample)];

    private List<PlannedSample> PlanSamples()
    {
        var values = new EntityValueGenerator(Options.Seed, Options.Values);
        var planned = new List<PlannedSample>();
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            var count = Options.Counts.TryGetValue(kind, out var n) ? n : 0;
            if (count == 0)
            {
                continue;
            }

            var name = EntityValueGenerator.StableName(kind);
            var combinations = Combinations(kind);
            DeterministicRandom.For(Options.Seed, "plan:" + name, 0).Shuffle(combinations);
            for (var i = 0; i < count; i++)
            {
                var (style, voice, speed, condition) = combinations[i % combinations.Count];
                var value = values.Generate(kind, i);
                var variant = DeterministicRandom.For(Options.Seed, "render:" + name, i).Next(int.MaxValue);
                var id = string.Create(CultureInfo.InvariantCulture, $"{name}-{i:D4}");
                planned.Add(new PlannedSample(planned.Count, new CorpusSample
                {
                    Id = id,
                    Kind = kind,
                    CanonicalValue = value,
                    SpokenText = SpokenRenderer.Render(kind, value, style, variant),
                    Style = style,
                    Voice = voice,
                    Speed = speed,
                    Condition = condition,
                    AudioPath = CorpusManifest.AudioFolder + "/" + id + ".wav",
                }));
            }
        }

        return planned;
    }

    private List<(SpokenStyle Style, CorpusVoice Voice, double Speed, AudioCondition Condition)> Combinations(EntityKind kind) =>
        [
            .. from style in Options.StylesOf(kind)
               from voice in Options.Voices.Distinct()
               from speed in Options.Speeds.Distinct()
               from condition in Options.Conditions.Distinct()
               select (style, voice, speed, condition),
        ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus: {Count} samples synthesised into {Directory} in {Seconds:0.0} s")]
    private static partial void LogGenerated(ILogger logger, int count, string directory, double seconds);
}
