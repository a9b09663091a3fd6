using System.Collections.Concurrent;
using System.Diagnostics;
using NAudio.Wave;

namespace Tandem.Voice.Tests.Recognition;

/// <summary>
/// Test speech from espeak-ng, converted by sox to mono PCM16 at the rate asked for. Cached per
/// process; tests call <see cref="RequireTools"/> first so they skip, naming the tool, where it is missing.
/// </summary>
internal static class SpeechSynthesis
{
    /// <summary>
    /// espeak-ng's US English voice with the Klatt formant synthesiser: PocketSphinx recognises it far
    /// better than the default en-us voice (sphinx-alnum word error 0.07 vs 0.16, sphinx-lm 0.21 vs 0.69, on 12 measured strings).
    /// </summary>
    public const string DefaultVoice = "en-us+klatt";

    private static readonly ConcurrentDictionary<string, Lazy<short[]>> Cache = new();

    public static void RequireTools()
    {
        foreach (var tool in (string[])["espeak-ng", "sox"])
        {
            if (!OnPath(tool))
            {
                Assert.Skip($"{tool} is not installed: apt-get install espeak-ng sox");
            }
        }
    }

    /// <summary>The text spoken by espeak-ng, as mono PCM16 at <paramref name="sampleRate"/>.</summary>
    public static short[] Speak(string text, int sampleRate, string voice = DefaultVoice) =>
        Cache.GetOrAdd($"{voice}|{sampleRate}|{text}", _ => new Lazy<short[]>(() => Synthesize(text, sampleRate, voice))).Value;

    private static short[] Synthesize(string text, int sampleRate, string voice)
    {
        var raw = Path.GetTempFileName();
        var converted = Path.GetTempFileName();
        try
        {
            Run("espeak-ng", ["-v", voice, "-w", raw, text]);
            Run("sox", ["-D", raw, "-r", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "wav", converted]);
            using var reader = new WaveFileReader(converted);
            if (reader.WaveFormat.SampleRate != sampleRate || reader.WaveFormat.BitsPerSample != 16 || reader.WaveFormat.Channels != 1)
            {
                throw new InvalidOperationException($"sox wrote {reader.WaveFormat}, not {sampleRate} Hz 16-bit mono");
            }

            var bytes = new byte[reader.Length];
            reader.ReadExactly(bytes);
            var samples = new short[bytes.Length / 2];
            Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
            return samples;
        }
        finally
        {
            File.Delete(raw);
            File.Delete(converted);
        }
    }

    private static void Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
