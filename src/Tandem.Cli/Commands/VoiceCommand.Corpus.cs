using System.CommandLine;
using System.Globalization;
using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Cli.Commands;

internal static partial class VoiceCommand
{
    private static Command CreateCorpus()
    {
        var output = new Option<string>("--out") { Description = "Folder to write manifest.jsonl and audio/ into.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed and tool versions give the same corpus, byte for byte.", DefaultValueFactory = _ => 1 };
        var perKind = new Option<int>("--per-kind") { Description = "Samples per entity kind.", DefaultValueFactory = _ => 10 };
        var kinds = new Option<string?>("--kinds") { Description = "Entity kinds, comma-separated (PhoneNumber, OrderCode, CardNumber, Postcode, SpelledName, Email); default all." };
        var voices = new Option<string>("--voices") { Description = "Voices, comma-separated ENGINE:NAME[@PITCH].", DefaultValueFactory = _ => "espeak-ng:en-us+klatt,flite:slt" };
        var speeds = new Option<string>("--speeds") { Description = "Speaking rates relative to normal, comma-separated.", DefaultValueFactory = _ => "0.9,1.1" };
        var conditions = new Option<string>("--conditions") { Description = "Audio conditions, comma-separated: clean, noisy, telephone.", DefaultValueFactory = _ => "clean,noisy,telephone" };
        var snr = new Option<double>("--snr") { Description = "Signal-to-noise ratio of the noisy condition, in dB.", DefaultValueFactory = _ => 15 };

        var command = new Command("corpus", "Synthesise a corpus of spoken phone numbers, codes, card numbers, postcodes, spelled names and emails, each with its true value.")
        {
            output, seed, perKind, kinds, voices, speeds, conditions, snr,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CorpusOptions options;
            try
            {
                options = CorpusOptionsFrom(parse.GetValue(seed), parse.GetValue(perKind), parse.GetValue(kinds), parse.GetValue(voices)!, parse.GetValue(speeds)!, parse.GetValue(conditions)!, parse.GetValue(snr));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync("tandem voice corpus: " + ex.Message).ConfigureAwait(false);
                return 2;
            }

            try
            {
                var manifest = await new CorpusGenerator(options).GenerateAsync(parse.GetValue(output)!, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"{manifest.Samples.Count} samples, {manifest.Samples.Sum(s => s.DurationMs) / 1000.0:0.#} s of speech: {manifest.FilePath}");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync("tandem voice corpus: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    /// <summary>The command line's lists as corpus options; a bad item throws naming it and the choices.</summary>
    internal static CorpusOptions CorpusOptionsFrom(long seed, int perKind, string? kinds, string voices, string speeds, string conditions, double snr)
    {
        if (perKind < 1)
        {
            throw new ArgumentException($"--per-kind must be at least 1, not {perKind}.");
        }

        var kindList = kinds is null ? [.. Enum.GetValues<EntityKind>()] : SplitList(kinds).Select(k => ParseEnum<EntityKind>(k, "--kinds")).ToList();
        var options = new CorpusOptions
        {
            Seed = seed,
            Counts = kindList.Distinct().ToDictionary(k => k, _ => perKind),
            Voices = [.. SplitList(voices).Select(CorpusVoice.Parse)],
            Speeds = [.. SplitList(speeds).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"--speeds: '{s}' is not a number."))],
            Conditions = [.. SplitList(conditions).Select(c => ParseEnum<AudioCondition>(c, "--conditions"))],
            NoiseSnrDb = snr,
        };
        options.Validate();
        return options;
    }

    internal static T ParseEnum<T>(string text, string option)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"{option}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
