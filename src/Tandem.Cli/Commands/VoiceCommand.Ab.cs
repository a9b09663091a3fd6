using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Tandem.Server;
using Tandem.Voice.Corpus;
using Tandem.Voice.Fallbacks;
using Tandem.Voice.Harness;
using Tandem.Voice.Recognition;

namespace Tandem.Cli.Commands;

internal static partial class VoiceCommand
{
    /// <summary>Said in every offline report, and in the README next to its table.</summary>
    internal const string OfflineCaveat =
        "Offline arms: PocketSphinx recognisers behind Tandem's local Realtime endpoint stand in for models. " +
        "These numbers measure the harness and the fallback policies on synthetic speech, not OpenAI's models.";

    private static Command CreateAb()
    {
        var armA = new Option<string>("--arm-a") { Description = "Baseline arm: local:MODEL (sphinx-lm, sphinx-alnum) or openai:MODEL (needs OPENAI_API_KEY).", DefaultValueFactory = _ => "local:sphinx-lm" };
        var armB = new Option<string>("--arm-b") { Description = "Challenger arm, same forms.", DefaultValueFactory = _ => "local:sphinx-alnum" };
        var corpus = new Option<string?>("--corpus") { Description = "An existing corpus folder (from tandem voice corpus); without it one is synthesised into OUT/corpus." };
        var output = new Option<string>("--out") { Description = "Folder for voice-ab.json, voice-ab.md and voice-ab.png.", DefaultValueFactory = _ => "voice-ab" };
        var policies = new Option<string>("--policies") { Description = "Fallback policies, comma-separated: none, validate, validate+asr2, validate+asr2+confirm, full.", DefaultValueFactory = _ => "none,validate,validate+asr2,validate+asr2+confirm,full" };
        var parallel = new Option<int>("--parallel") { Description = "Samples in flight at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var transcription = new Option<string?>("--transcription-model") { Description = "Input transcription model of openai arms.", DefaultValueFactory = _ => "gpt-4o-transcribe" };
        var seed = new Option<long>("--seed") { Description = "Corpus seed (when synthesising one).", DefaultValueFactory = _ => 1 };
        var perKind = new Option<int>("--per-kind") { Description = "Samples per entity kind (when synthesising).", DefaultValueFactory = _ => 8 };
        var kinds = new Option<string?>("--kinds") { Description = "Entity kinds (when synthesising); default all." };
        var voices = new Option<string>("--voices") { Description = "Voices (when synthesising).", DefaultValueFactory = _ => "espeak-ng:en-us+klatt,flite:slt" };
        var speeds = new Option<string>("--speeds") { Description = "Speaking rates (when synthesising).", DefaultValueFactory = _ => "0.9,1.1" };
        var conditions = new Option<string>("--conditions") { Description = "Audio conditions (when synthesising).", DefaultValueFactory = _ => "clean,noisy,telephone" };

        var command = new Command("ab", "Run a corpus through two arms, with and without fallback policies; report exact match, false accepts, turns, CER and latency with paired significance.")
        {
            armA, armB, corpus, output, policies, parallel, transcription, seed, perKind, kinds, voices, speeds, conditions,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outDir = parse.GetValue(output)!;
            ArmSpec a, b;
            List<FallbackPolicy> chosen;
            CorpusOptions? synth = null;
            try
            {
                a = ArmSpec.Parse(parse.GetValue(armA)!);
                b = ArmSpec.Parse(parse.GetValue(armB)!);
                if (a.Label == b.Label)
                {
                    throw new ArgumentException($"--arm-a and --arm-b are both '{a.Label}': compare two different arms.");
                }

                chosen = [.. SplitList(parse.GetValue(policies)).Select(p => FallbackPolicyBuilder.Named(p))];
                if (chosen.Count == 0)
                {
                    throw new ArgumentException("--policies names no policy.");
                }

                if (parse.GetValue(corpus) is null)
                {
                    synth = CorpusOptionsFrom(parse.GetValue(seed), parse.GetValue(perKind), parse.GetValue(kinds), parse.GetValue(voices)!, parse.GetValue(speeds)!, parse.GetValue(conditions)!, 15);
                }

                if ((a.IsOpenAi || b.IsOpenAi) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENAI_API_KEY")))
                {
                    throw new ArgumentException("An openai: arm needs OPENAI_API_KEY in the environment.");
                }

                if ((a.IsLocal || b.IsLocal) && !PocketSphinxRecognizer.IsAvailable(out var why))
                {
                    throw new InvalidOperationException("The local arms need PocketSphinx: " + why);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("tandem voice ab: " + ex.Message).ConfigureAwait(false);
                return 2;
            }

            try
            {
                CorpusManifest manifest;
                if (synth is not null)
                {
                    AnsiConsole.MarkupLine($"synthesising {synth.Counts.Values.Sum()} samples into {Markup.Escape(Path.Combine(outDir, "corpus"))} …");
                    manifest = await new CorpusGenerator(synth).GenerateAsync(Path.Combine(outDir, "corpus"), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    manifest = CorpusManifest.Load(parse.GetValue(corpus)!);
                }

                await using var server = a.IsLocal || b.IsLocal
                    ? await TandemServerHost.StartAsync(LocalServerOptions(), logging => logging.SetMinimumLevel(LogLevel.Warning), cancellationToken).ConfigureAwait(false)
                    : null;
                var realtime = server is null ? null : new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/v1/realtime" }.Uri;
                var transcriptionModel = parse.GetValue(transcription);
                await using var first = a.CreateArm(realtime, transcriptionModel);
                await using var second = b.CreateArm(realtime, transcriptionModel);
                using var recognizers = new RecognizerSet();
                var secondAsr = new Dictionary<string, Func<ReadOnlyMemory<short>, CancellationToken, ValueTask<string>>>();
                // The second-asr check's recogniser: a local arm's is the other local profile; a live arm's is the
                // local alphanumeric grammar, when PocketSphinx is installed (an independent ASR either way).
                var localAsr = PocketSphinxRecognizer.IsAvailable(out _);
                foreach (var arm in new[] { a, b }.Where(x => x.IsLocal || localAsr))
                {
                    var other = arm.Model == RecognizerProfiles.SphinxAlnumName ? RecognizerProfiles.SphinxLmName : RecognizerProfiles.SphinxAlnumName;
                    var recognizer = recognizers.Get(other);
                    secondAsr[arm.Label] = async (pcm, ct) => (await recognizer.RecognizeAsync(pcm, Tandem.Voice.Audio.Pcm16.RealtimeSampleRate, ct).ConfigureAwait(false)).Text;
                }

                // Speaks the simulated caller's re-asks in the corpus's own voices (Counts only has to be valid: nothing is planned).
                var speaker = new CorpusGenerator(new CorpusOptions
                {
                    Voices = [.. manifest.Samples.Select(s => s.Voice).Distinct()],
                    Counts = manifest.Samples.Select(s => s.Kind).Distinct().ToDictionary(k => k, _ => 1),
                });
                var harness = new AbHarness(first, second, speaker.SpeakAsync, secondAsr, new AbHarnessOptions
                {
                    Policies = chosen,
                    MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(parallel)),
                });

                var total = manifest.Samples.Count;
                AnsiConsole.MarkupLine($"running {total} samples through {Markup.Escape(a.Label)} and {Markup.Escape(b.Label)} under {chosen.Count} policies …");
                var progress = new Progress<int>(done =>
                {
                    if (done % Math.Max(1, total / 10) == 0 || done == total)
                    {
                        Console.Error.WriteLine($"  {done}/{total}");
                    }
                });
                var report = await harness.RunAsync(manifest, progress, cancellationToken).ConfigureAwait(false);
                if (a.IsLocal && b.IsLocal)
                {
                    report = report with { Caveat = OfflineCaveat };
                }

                var files = AbReportWriter.WriteAll(report, outDir, Tandem.Bench.Reports.ChartFonts.Apply);
                WriteTable(report);
                AnsiConsole.MarkupLine("wrote " + string.Join(", ", files.Select(Markup.Escape)));
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or InvalidDataException or Tandem.Voice.Realtime.RealtimeConnectionException)
            {
                await Console.Error.WriteLineAsync("tandem voice ab: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static TandemServerOptions LocalServerOptions()
    {
        var options = new TandemServerOptions { RequestLogging = false };
        options.Urls.Clear();
        options.Urls.Add("http://127.0.0.1:0");
        return options;
    }

    private static void WriteTable(AbReport report)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200; // a log file has no width; keep each row on one line
        }

        var table = new Table().Title($"{Markup.Escape(report.ArmA)} vs {Markup.Escape(report.ArmB)}: {report.Samples} samples")
            .AddColumns("arm", "policy", "exact match", "false accept", "gave up", "1st-attempt capture", "turns to capture", "1st-attempt CER", "latency p50");
        foreach (var s in report.Summaries.Where(s => s.Group == "all"))
        {
            table.AddRow(
                Markup.Escape(s.Arm),
                Markup.Escape(s.Policy),
                Pct(s.ExactMatch),
                Pct(s.FalseAcceptRate),
                Pct(s.GiveUpRate),
                Pct(s.FirstAttemptCapture),
                s.TurnsToCapture is { } t ? t.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                s.FirstAttemptCer.ToString("0.000", CultureInfo.InvariantCulture),
                s.LatencyP50Ms is { } l ? l.ToString("0 ms", CultureInfo.InvariantCulture) : "—");
        }

        AnsiConsole.Write(table);
        foreach (var c in report.Comparisons)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{c.Metric}: {c.B} − {c.A} = {c.Difference.Difference:+0.0%;-0.0%;0.0%} (95% CI {c.Difference.Low:+0.0%;-0.0%;0.0%} to {c.Difference.High:+0.0%;-0.0%;0.0%}), McNemar p = {c.McNemarP:0.####} ({c.OnlyA} vs {c.OnlyB} discordant)"));
        }

        if (report.Caveat.Length > 0)
        {
            AnsiConsole.MarkupLine("[grey]" + Markup.Escape(report.Caveat) + "[/]");
        }
    }

    private static string Pct(double value) => (100 * value).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
