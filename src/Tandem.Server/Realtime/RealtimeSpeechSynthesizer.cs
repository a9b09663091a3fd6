using System.Globalization;
using System.Text;
using Tandem.Voice.Audio;
using Tandem.Voice.Corpus;

namespace Tandem.Server.Realtime;

/// <summary>
/// Speaks audio replies: <c>espeak-ng --stdout</c> resampled to 24 kHz when espeak-ng is installed
/// (and <see cref="RealtimeServerOptions.SynthesizeSpeech"/> is on), otherwise silence of the length
/// the words would take (0.4 s a word at speed 1, at least 0.3 s), so clients still get audio.
/// </summary>
internal sealed class RealtimeSpeechSynthesizer(bool enabled, string voice)
{
    private const int EspeakWordsPerMinute = 175;
    private const int SilenceMsPerWord = 400;
    private const int MinSilenceMs = 300;

    /// <summary>Mono PCM16 at 24 kHz and whether it is real speech; never throws for a missing tool.</summary>
    public async Task<(short[] Samples, bool Spoken)> SpeakAsync(string text, double speed, CancellationToken cancellationToken)
    {
        if (enabled && text.Trim().Length > 0)
        {
            var tools = await SpeechTools.ProbeAsync(cancellationToken).ConfigureAwait(false);
            var espeak = tools[SpeechTool.EspeakNg];
            if (espeak.IsAvailable)
            {
                try
                {
                    return (await EspeakAsync(espeak.Path!, text, speed, cancellationToken).ConfigureAwait(false), true);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or InvalidDataException or NotSupportedException)
                {
                    // A failing synthesiser degrades to silence: the reply's transcript is what clients need most.
                }
            }
        }

        return (Silence(text, speed), false);
    }

    private async Task<short[]> EspeakAsync(string path, string text, double speed, CancellationToken cancellationToken)
    {
        // The text goes through stdin (--stdin), so nothing in it is ever read as an option.
        var wordsPerMinute = (int)Math.Round(EspeakWordsPerMinute * speed, MidpointRounding.AwayFromZero);
        string[] arguments = ["-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "--stdout", "--stdin"];
        var result = await ToolProcess.RunCheckedAsync(path, arguments, Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);

        // espeak-ng writes its WAV header before it knows the length; the reader takes the data it holds.
        using var wav = new MemoryStream(result.StandardOutput, writable: false);
        return Pcm16.ReadWav(wav, Pcm16.RealtimeSampleRate);
    }

    internal static short[] Silence(string text, double speed)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var ms = Math.Max(MinSilenceMs, (int)(words * SilenceMsPerWord / Math.Max(0.25, speed)));
        return new short[Pcm16.SampleCount(TimeSpan.FromMilliseconds(ms), Pcm16.RealtimeSampleRate)];
    }
}
