namespace Tandem.Voice.Recognition;

/// <summary>
/// A <see cref="ISpeechRecognizer"/> over PocketSphinx's C library (Debian's 0.8+5prealpha,
/// called through P/Invoke): one profile, a small pool of decoders (a decoder is not thread-safe),
/// audio resampled to the model's 16 kHz. Decoding runs on the thread pool.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    private const int MinSampleRate = 8000;
    private const int MaxSampleRate = 192_000;

    private readonly PocketSphinxModel _model;
    private readonly DecoderPool _pool;
    private readonly TimeSpan _maxAudio;

    /// <summary>Loads the profile and creates its first decoder, so a bad model or profile fails here.</summary>
    /// <exception cref="DllNotFoundException">The PocketSphinx libraries are missing (the message names the Debian packages).</exception>
    /// <exception cref="FileNotFoundException">A model file is missing.</exception>
    /// <exception cref="ArgumentException">The profile or options are invalid, or a grammar word is not in the dictionary.</exception>
    /// <exception cref="InvalidOperationException">The library rejected the arguments, model or grammar.</exception>
    public PocketSphinxRecognizer(RecognizerProfile profile, PocketSphinxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new PocketSphinxOptions();
        if (options.MaxConcurrentDecoders < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrentDecoders, "PocketSphinxOptions.MaxConcurrentDecoders must be at least 1.");
        }

        if (options.MaxAudioDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAudioDuration, "PocketSphinxOptions.MaxAudioDuration must be positive.");
        }

        PocketSphinxLibrary.EnsureInitialized();
        _model = PocketSphinxModel.Resolve(profile, options);
        _maxAudio = options.MaxAudioDuration;
        var model = _model;
        _pool = new DecoderPool(options.MaxConcurrentDecoders, () => PocketSphinxDecoder.Create(model), PocketSphinxDecoder.Create(model));
    }

    /// <summary>A recogniser for a built-in profile (<see cref="RecognizerProfiles"/>).</summary>
    /// <exception cref="ArgumentException">No built-in profile has that name.</exception>
    public PocketSphinxRecognizer(string modelName, PocketSphinxOptions? options = null)
        : this(RecognizerProfiles.Get(modelName), options)
    {
    }

    /// <inheritdoc />
    public string ModelName => _model.Name;

    /// <summary>
    /// Whether the native libraries and the model are installed, with the reason when not (for
    /// skipping tests and for a startup check).
    /// </summary>
    public static bool IsAvailable(out string reason, PocketSphinxOptions? options = null)
    {
        var problem = PocketSphinxLibrary.LibraryProblem()
            ?? PocketSphinxLibrary.ModelProblem((options ?? new PocketSphinxOptions()).ModelDirectory);
        reason = problem ?? string.Empty;
        return problem is null;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The audio is empty or longer than <see cref="PocketSphinxOptions.MaxAudioDuration"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is outside 8000..192000 Hz.</exception>
    public async ValueTask<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm16, int sampleRate, CancellationToken cancellationToken = default)
    {
        if (sampleRate is < MinSampleRate or > MaxSampleRate)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, $"The sample rate must be {MinSampleRate}..{MaxSampleRate} Hz (PCM16 mono); got {sampleRate}.");
        }

        if (pcm16.IsEmpty)
        {
            throw new ArgumentException("The audio to recognise is empty.", nameof(pcm16));
        }

        var duration = TimeSpan.FromSeconds((double)pcm16.Length / sampleRate);
        if (duration > _maxAudio)
        {
            throw new ArgumentException($"The audio is {duration.TotalSeconds:0.#} s long; the recogniser takes at most {_maxAudio.TotalSeconds:0.#} s.", nameof(pcm16));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var decoder = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        var reusable = false;
        try
        {
            // A native decode cannot be interrupted: cancellation takes effect before it starts or after it ends.
            var result = await Task.Run(
                () =>
                {
                    var audio = RecognitionResampler.Resample(pcm16.Span, sampleRate, PocketSphinxModel.SampleRate); // always a copy
                    ComfortNoise.Add(audio, _model.ComfortNoiseDbfs);
                    return decoder.Decode(audio);
                },
                cancellationToken).ConfigureAwait(false);
            reusable = true;
            cancellationToken.ThrowIfCancellationRequested();
            return result;
        }
        catch (OperationCanceledException) when (!reusable)
        {
            // Cancelled before the decode started: the decoder was not touched.
            reusable = true;
            throw;
        }
        finally
        {
            _pool.Return(decoder, reusable);
        }
    }

    /// <summary>Frees the idle decoders; one still decoding is freed when its call returns.</summary>
    public void Dispose() => _pool.Dispose();
}
