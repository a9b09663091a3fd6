using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tandem.Voice.Audio;

namespace Tandem.Voice.Corpus;

public sealed partial class CorpusGenerator
{
    // espeak-ng's default rate in words per minute; speed factors scale it.
    private const int EspeakDefaultWordsPerMinute = 175;

    /// <summary>
    /// Synthesises every planned sample into <paramref name="outputDirectory"/> (<c>audio/*.wav</c> and
    /// <see cref="CorpusManifest.FileName"/>), at most <see cref="CorpusOptions.MaxDegreeOfParallelism"/> at once.
    /// Existing files of the same names are replaced.
    /// </summary>
    /// <exception cref="InvalidOperationException">A needed tool is missing or failed; the message names it.</exception>
    /// <exception cref="ArgumentException">A voice is not installed; the message lists the installed ones.</exception>
    public async Task<CorpusManifest> GenerateAsync(string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        cancellationToken.ThrowIfCancellationRequested();
        var tools = await SpeechTools.ProbeAsync(cancellationToken).ConfigureAwait(false);
        CheckTools(tools);
        var planned = PlanSamples();
        var started = Stopwatch.GetTimestamp();
        var audio = Path.Combine(outputDirectory, CorpusManifest.AudioFolder);
        Directory.CreateDirectory(audio);
        var scratch = Directory.CreateTempSubdirectory("tandem-corpus-");
        var done = new CorpusSample[planned.Count];
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(planned, parallel, async (item, ct) =>
            {
                var samples = await SynthesizeAsync(item.Sample, tools, scratch.FullName, ct).ConfigureAwait(false);
                Pcm16.WriteWav(Path.Combine(outputDirectory, item.Sample.AudioPath), samples, Pcm16.RealtimeSampleRate);
                done[item.Order] = item.Sample with { DurationMs = Pcm16.DurationMilliseconds(samples.Length, Pcm16.RealtimeSampleRate) };
            }).ConfigureAwait(false);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        var manifest = CorpusManifest.Write(Path.Combine(outputDirectory, CorpusManifest.FileName), done);
        LogGenerated(_logger, done.Length, outputDirectory, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return manifest;
    }

    /// <summary>
    /// Synthesises one utterance the way the corpus does (the sample's text, voice, speed and
    /// condition; noise seeded by its id) and returns it as 24 kHz mono PCM16, writing no file. The
    /// A/B harness speaks a simulated caller's re-asks with it: "again, slowly", one group at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">A needed tool is missing or failed; the message names it.</exception>
    public async Task<short[]> SpeakAsync(CorpusSample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var tools = await SpeechTools.ProbeAsync(cancellationToken).ConfigureAwait(false);
        CheckTools(tools);
        var scratch = Directory.CreateTempSubdirectory("tandem-speak-");
        try
        {
            return await SynthesizeAsync(sample, tools, scratch.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private void CheckTools(SpeechTools tools)
    {
        if (tools.MissingReason(SpeechTool.Sox) is { } sox)
        {
            throw new InvalidOperationException("The corpus needs sox: " + sox);
        }

        foreach (var voice in Options.Voices.Distinct())
        {
            var tool = voice.Engine == SpeechEngine.EspeakNg ? SpeechTool.EspeakNg : SpeechTool.Flite;
            if (tools.MissingReason(tool) is { } missing)
            {
                throw new InvalidOperationException($"Voice {voice} needs {SpeechTools.CommandName(tool)}: {missing}");
            }

            if (!tools.HasVoice(voice))
            {
                var installed = voice.Engine == SpeechEngine.Flite ? tools.FliteVoices : tools.EspeakVoices;
                throw new ArgumentException(
                    $"Voice {voice} is not installed; {SpeechTools.CommandName(tool)} has: {string.Join(", ", installed)}.",
                    nameof(Options));
            }
        }
    }

    /// <summary>Synthesis → sox (rate, tempo, band limit) → condition → 24 kHz mono PCM16 samples.</summary>
    private async Task<short[]> SynthesizeAsync(CorpusSample sample, SpeechTools tools, string scratch, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(scratch, sample.Id + ".wav");
        try
        {
            var text = SynthesisText.For(sample.SpokenText);
            var tempo = Options.SpeedMethod == SpeedMethod.SoxTempo ? sample.Speed : 1.0;
            var engineSpeed = Options.SpeedMethod == SpeedMethod.Synthesizer ? sample.Speed : 1.0;
            if (sample.Voice.Engine == SpeechEngine.EspeakNg)
            {
                await ToolProcess.RunCheckedAsync(tools[SpeechTool.EspeakNg].Path!, EspeakArguments(sample.Voice, engineSpeed, raw), Encoding.UTF8.GetBytes(text), cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                await ToolProcess.RunCheckedAsync(tools[SpeechTool.Flite].Path!, FliteArguments(sample.Voice, engineSpeed, text, raw), null, cancellationToken)
                    .ConfigureAwait(false);
            }

            var sox = tools[SpeechTool.Sox].Path!;
            if (sample.Condition == AudioCondition.Telephone)
            {
                var narrow = await ToolProcess.RunCheckedAsync(sox, SoxArguments(raw, Pcm16.TelephoneSampleRate, tempo, telephone: true), null, cancellationToken)
                    .ConfigureAwait(false);

                // The µ-law round trip is this library's own G.711, the one a telephone-format Realtime session uses.
                var companded = G711.DecodeMuLaw(G711.EncodeMuLaw(Pcm16.FromBytes(narrow.StandardOutput)));
                var wide = await ToolProcess.RunCheckedAsync(sox, SoxRawUpsample(), Pcm16.ToBytes(companded), cancellationToken).ConfigureAwait(false);
                return Pcm16.FromBytes(wide.StandardOutput);
            }

            var converted = await ToolProcess.RunCheckedAsync(sox, SoxArguments(raw, Pcm16.RealtimeSampleRate, tempo, telephone: false), null, cancellationToken)
                .ConfigureAwait(false);
            var samples = Pcm16.FromBytes(converted.StandardOutput);
            return sample.Condition == AudioCondition.Noisy
                ? NoiseMixer.Mix(samples, Options.NoiseSnrDb, DeterministicRandom.For(Options.Seed, "noise:" + sample.Id, 0))
                : samples;
        }
        finally
        {
            File.Delete(raw);
        }
    }

    /// <summary>espeak-ng reads the text from stdin (<c>--stdin</c>), so no text is ever parsed as an option.</summary>
    internal static List<string> EspeakArguments(CorpusVoice voice, double speed, string output)
    {
        var arguments = new List<string>
        {
            "-v", voice.Name,
            "-s", ((int)Math.Round(EspeakDefaultWordsPerMinute * speed, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture),
        };
        if (voice.Pitch is { } pitch)
        {
            arguments.AddRange(["-p", pitch.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-w", output, "--stdin"]);
        return arguments;
    }

    /// <summary>flite takes the text as the value of <c>-t</c>: one argument, never an option, whatever it starts with.</summary>
    internal static List<string> FliteArguments(CorpusVoice voice, double speed, string text, string output)
    {
        var arguments = new List<string> { "-voice", voice.Name };
        if (speed != 1.0)
        {
            // duration_stretch > 1 is slower; the inverse of the speed factor.
            arguments.AddRange(["--setf", "duration_stretch=" + (1.0 / speed).ToString("0.####", CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-t", text, "-o", output]);
        return arguments;
    }

    /// <summary>
    /// sox from the synthesiser's WAV to raw little-endian PCM16 mono on stdout at <paramref name="rate"/>; <c>-D</c>
    /// turns dither off, the one random step sox would otherwise add.
    /// </summary>
    internal static List<string> SoxArguments(string input, int rate, double tempo, bool telephone)
    {
        var arguments = new List<string> { "-D", "-V1", input };
        arguments.AddRange(RawFormat(rate));
        arguments.Add("-");
        if (tempo != 1.0)
        {
            arguments.AddRange(["tempo", "-s", tempo.ToString("0.####", CultureInfo.InvariantCulture)]);
        }

        if (telephone)
        {
            arguments.AddRange(["sinc", "300-3400"]);
        }

        return arguments;
    }

    private static List<string> SoxRawUpsample() =>
        ["-D", "-V1", .. RawFormat(Pcm16.TelephoneSampleRate), "-", .. RawFormat(Pcm16.RealtimeSampleRate), "-"];

    private static string[] RawFormat(int rate) =>
        ["-t", "raw", "-e", "signed-integer", "-b", "16", "-L", "-c", "1", "-r", rate.ToString(CultureInfo.InvariantCulture)];
}
