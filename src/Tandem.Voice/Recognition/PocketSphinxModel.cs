namespace Tandem.Voice.Recognition;

/// <summary>
/// A profile resolved against the model directory and checked once: the decoder arguments, and
/// for a grammar the pronunciations of its words, ready for every decoder the pool creates.
/// </summary>
internal sealed class PocketSphinxModel
{
    /// <summary>The rate the en-us acoustic model was trained at; audio is resampled to it.</summary>
    public const int SampleRate = 16000;

    /// <summary>Frames per second (PocketSphinx's default <c>-frate</c>, which profiles may not change).</summary>
    public const int FramesPerSecond = 100;

    /// <summary>
    /// Per-utterance feature processing. Live cepstral mean normalisation, the spectral noise
    /// estimate and the built-in VAD all carry state from one utterance to the next in a decoder,
    /// so a result would depend on what that pooled decoder heard before (measured: scores differ
    /// on a repeat of the same audio). With these three, the same audio gives the same result on
    /// any decoder, at a small accuracy cost on the language model.
    /// </summary>
    private static readonly KeyValuePair<string, string>[] DeterministicDefaults =
    [
        new("-cmn", "batch"),
        new("-remove_noise", "no"),
        new("-remove_silence", "no"),
    ];

    private static readonly HashSet<string> Reserved =
        new(StringComparer.Ordinal) { "-hmm", "-lm", "-dict", "-jsgf", "-fsg", "-kws", "-keyphrase", "-allphone", "-samprate", "-frate", "-logfn" };

    private PocketSphinxModel(string name, string[] arguments, string? grammar, IReadOnlyList<(string Entry, string Phones)> pronunciations, double comfortNoiseDbfs)
    {
        Name = name;
        ComfortNoiseDbfs = comfortNoiseDbfs;
        Arguments = arguments;
        Grammar = grammar;
        Pronunciations = pronunciations;
    }

    public string Name { get; }

    /// <summary>Name/value pairs for <c>cmd_ln_parse_r</c>.</summary>
    public string[] Arguments { get; }

    /// <summary>The JSGF grammar, or null for a language-model profile.</summary>
    public string? Grammar { get; }

    /// <summary>The grammar's words, to add to an otherwise empty dictionary.</summary>
    public IReadOnlyList<(string Entry, string Phones)> Pronunciations { get; }

    /// <summary>See <see cref="RecognizerProfile.ComfortNoiseDbfs"/>.</summary>
    public double ComfortNoiseDbfs { get; }

    public bool IsGrammar => Grammar is not null;

    /// <exception cref="ArgumentException">The profile is inconsistent or names a reserved argument.</exception>
    /// <exception cref="FileNotFoundException">A model file is missing; the message names it and the packages.</exception>
    public static PocketSphinxModel Resolve(RecognizerProfile profile, PocketSphinxOptions options)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, nameof(profile));
        if ((profile.LanguageModel is null) == (profile.Grammar is null))
        {
            throw new ArgumentException($"The recogniser profile '{profile.Name}' must set exactly one of LanguageModel and Grammar.", nameof(profile));
        }

        var overrides = profile.DecoderArguments ?? new Dictionary<string, string>();
        foreach (var (key, value) in overrides)
        {
            if (!key.StartsWith('-') || key.Length < 2 || key.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"The profile '{profile.Name}' has a decoder argument '{key}': names start with '-' (e.g. -wip).", nameof(profile));
            }

            if (Reserved.Contains(key))
            {
                throw new ArgumentException($"The profile '{profile.Name}' may not set {key}: the recogniser sets it from the profile's model paths.", nameof(profile));
            }

            if (value is null)
            {
                throw new ArgumentException($"The profile '{profile.Name}' has no value for {key}.", nameof(profile));
            }
        }

        if (profile.ComfortNoiseDbfs > -20)
        {
            throw new ArgumentException($"The profile '{profile.Name}' has a comfort noise of {profile.ComfortNoiseDbfs} dBFS: above -20 it would drown speech.", nameof(profile));
        }

        var hmm = Existing(options.ModelDirectory, profile.AcousticModel, directory: true, profile.Name);
        _ = Existing(options.ModelDirectory, Path.Combine(profile.AcousticModel, "mdef"), directory: false, profile.Name);
        var dictionary = Existing(options.ModelDirectory, profile.Dictionary, directory: false, profile.Name);

        var arguments = new List<string> { "-hmm", hmm, "-samprate", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        IReadOnlyList<(string, string)> pronunciations = [];
        if (profile.LanguageModel is { } lm)
        {
            arguments.AddRange(["-lm", Existing(options.ModelDirectory, lm, directory: false, profile.Name), "-dict", dictionary]);
        }
        else
        {
            // Only the grammar's words go in: loading the full 130k-word dictionary costs ~0.2 s and
            // tens of MB per decoder for words the grammar can never produce.
            var words = JsgfGrammarWords.Extract(profile.Grammar!);
            if (words.Count == 0)
            {
                throw new ArgumentException($"The grammar of profile '{profile.Name}' has no words.", nameof(profile));
            }

            pronunciations = PronunciationDictionary.Lookup(dictionary, words);
        }

        foreach (var (key, value) in DeterministicDefaults.Where(d => !overrides.ContainsKey(d.Key)).Concat(overrides))
        {
            arguments.Add(key);
            arguments.Add(value);
        }

        return new PocketSphinxModel(profile.Name, [.. arguments], profile.Grammar, pronunciations, profile.ComfortNoiseDbfs);
    }

    private static string Existing(string modelDirectory, string path, bool directory, string profile)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(modelDirectory, path);
        var exists = directory ? Directory.Exists(full) : File.Exists(full);
        return exists
            ? full
            : throw new FileNotFoundException(
                $"The recogniser profile '{profile}' needs {full}, which does not exist: {PocketSphinxLibrary.Packages}, or set {nameof(PocketSphinxOptions)}.{nameof(PocketSphinxOptions.ModelDirectory)}.",
                full);
    }
}
