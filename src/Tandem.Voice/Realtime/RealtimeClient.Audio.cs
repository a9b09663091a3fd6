using System.Buffers;
using NAudio.Wave;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Realtime;

/// <summary>
/// Streaming audio into the input buffer in chunks of <see cref="AudioStreamOptions.ChunkDuration"/>,
/// paced on the <see cref="TimeProvider"/>. The audio must already be in the session's input format
/// (<c>audio/pcm</c>: 24 kHz 16-bit mono; <c>audio/pcmu</c>/<c>audio/pcma</c>: 8 kHz mono G.711):
/// anything else fails before the first byte is sent, saying what it is and what is needed.
/// </summary>
public sealed partial class RealtimeClient
{
    /// <summary>Streams raw audio (no header) in the session's input format; returns the duration sent. It does not commit.</summary>
    /// <exception cref="ArgumentException">The declared format is not the session's, or the audio ends mid-sample.</exception>
    public Task<TimeSpan> StreamAudioAsync(Stream audio, AudioStreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        options ??= new AudioStreamOptions();
        ThrowIfNotOpen();
        var spec = SessionInputSpec();
        if (options.Format is { } declared)
        {
            var given = InputAudioSpec.For(declared);
            if (given != spec)
            {
                throw new ArgumentException(
                    $"The audio is {given.Type} ({given.Requirement}) but the session's input format is {spec.Type} ({spec.Requirement}): convert it, or change audio.input.format with UpdateSessionAsync.",
                    nameof(options));
            }
        }

        return StreamCoreAsync(audio, spec, options, cancellationToken);
    }

    /// <summary>Streams the audio of a WAV file, which must be in the session's input format; returns the duration sent. It does not commit.</summary>
    /// <exception cref="ArgumentException">The file is not a WAV file, or not in the session's input format.</exception>
    public async Task<TimeSpan> StreamAudioAsync(string wavPath, AudioStreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        options ??= new AudioStreamOptions();
        ThrowIfNotOpen();
        var spec = SessionInputSpec();
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(wavPath);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"'{Path.GetFileName(wavPath)}' is not a WAV file NAudio can read: {ex.Message}", nameof(wavPath), ex);
        }

        await using (reader.ConfigureAwait(false))
        {
            spec.Check(reader.WaveFormat, Path.GetFileName(wavPath));
            return await StreamCoreAsync(reader, spec, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private InputAudioSpec SessionInputSpec() => InputAudioSpec.For(Session?.Audio?.Input?.Format);

    private async Task<TimeSpan> StreamCoreAsync(Stream audio, InputAudioSpec spec, AudioStreamOptions options, CancellationToken cancellationToken)
    {
        if (options.ChunkDuration <= TimeSpan.Zero || options.ChunkDuration > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ChunkDuration, "AudioStreamOptions.ChunkDuration must be more than 0 and at most 60 seconds.");
        }

        var chunkBytes = spec.BytesFor(options.ChunkDuration);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        long sent = 0;
        var start = _time.GetTimestamp();
        try
        {
            while (true)
            {
                var read = await ReadFullAsync(audio, buffer.AsMemory(0, chunkBytes), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (read % spec.BytesPerSample != 0)
                {
                    throw new ArgumentException(
                        $"The audio ends in the middle of a sample ({sent + read} bytes is not a whole number of {spec.BytesPerSample}-byte samples): it is not {spec.Requirement}.",
                        nameof(audio));
                }

                if (options.Pacing.Speed is { } speed && sent > 0)
                {
                    var wait = AudioPacer.DueAfter(sent, spec.BytesPerSecond, speed) - _time.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }
                }

                await AppendAudioAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return spec.DurationOf(sent);
    }

    private static async ValueTask<int> ReadFullAsync(Stream stream, Memory<byte> target, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < target.Length)
        {
            var read = await stream.ReadAsync(target[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
