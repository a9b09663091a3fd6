namespace Tandem.Voice.Recognition;

/// <summary>
/// Energy-based Realtime <c>server_vad</c>: fed PCM16 mono in chunks of any size, it reports where
/// speech starts and stops and hands over each segment's audio. Time comes from sample counts only,
/// so the same audio gives the same events however it was chunked. Not thread-safe (one per
/// session). The level mapping is documented on <see cref="VoiceActivityDetectionOptions"/>.
/// </summary>
internal sealed class VoiceActivityDetector
{
    internal const int FrameMs = 10;
    internal const int OnsetFrames = 3;
    internal const int NoiseWindowMs = 2000;
    internal const double SilenceDbfs = -120;
    internal const double InitialNoiseDbfs = -90;
    internal const double HysteresisDb = 6;

    private readonly int _sampleRate;
    private readonly int _frameSamples;
    private readonly int _prefixSamples;
    private readonly int _silenceFrames;
    private readonly double _absoluteDbfs;
    private readonly double _marginDb;

    private readonly short[] _frame;
    private int _frameFill;

    // The quietest frames of the last NoiseWindowMs, as a ring of frame levels.
    private readonly double[] _noiseWindow;
    private int _noiseNext;

    // While idle: the most recent samples (enough for the prefix padding and the onset frames).
    private readonly short[] _history;
    private int _historyCount;

    // While speaking: the segment so far.
    private readonly List<short> _segment = [];

    private long _samples;          // samples appended so far (the clock)
    private long _framesEnd;        // sample index where the last whole frame ended
    private long _segmentStart;
    private long _loudStart;
    private int _loudRun;
    private int _quietRun;

    public VoiceActivityDetector(VoiceActivityDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (double.IsNaN(options.Threshold) || options.Threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "The VAD threshold must be between 0 and 1.");
        }

        if (options.PrefixPaddingMs is < 0 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PrefixPaddingMs, "The VAD prefix padding must be 0..10000 ms.");
        }

        if (options.SilenceDurationMs is < FrameMs or > 60_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SilenceDurationMs, $"The VAD silence duration must be {FrameMs}..60000 ms.");
        }

        if (options.SampleRate is < 8000 or > 192_000 || options.SampleRate % (1000 / FrameMs) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SampleRate, "The VAD sample rate must be 8000..192000 Hz and a multiple of 100.");
        }

        _sampleRate = options.SampleRate;
        _frameSamples = _sampleRate * FrameMs / 1000;
        _prefixSamples = (int)((long)options.PrefixPaddingMs * _sampleRate / 1000);
        _silenceFrames = (options.SilenceDurationMs + FrameMs - 1) / FrameMs;
        _absoluteDbfs = -70 + (50 * options.Threshold);
        _marginDb = 6 + (18 * options.Threshold);

        _frame = new short[_frameSamples];
        _noiseWindow = new double[NoiseWindowMs / FrameMs];
        Array.Fill(_noiseWindow, InitialNoiseDbfs);
        _history = new short[_prefixSamples + (OnsetFrames * _frameSamples)];
    }

    /// <summary>Milliseconds of audio appended so far.</summary>
    public long AudioMs => ToMs(_samples);

    /// <summary>Whether speech has started and not yet stopped.</summary>
    public bool InSpeech { get; private set; }

    /// <summary>Feeds samples; returns the events they completed, in order (usually none).</summary>
    public IReadOnlyList<VoiceActivityEvent> Append(ReadOnlySpan<short> pcm16)
    {
        List<VoiceActivityEvent>? events = null;
        while (!pcm16.IsEmpty)
        {
            var take = Math.Min(pcm16.Length, _frameSamples - _frameFill);
            pcm16[..take].CopyTo(_frame.AsSpan(_frameFill));
            _frameFill += take;
            _samples += take;
            pcm16 = pcm16[take..];
            if (_frameFill == _frameSamples)
            {
                _frameFill = 0;
                if (ProcessFrame() is { } e)
                {
                    (events ??= []).Add(e);
                }
            }
        }

        return events ?? (IReadOnlyList<VoiceActivityEvent>)[];
    }

    /// <summary>
    /// Ends speech in progress where the audio ends now (a manual commit, or the end of the stream),
    /// including any samples short of a whole frame. Returns null when no speech is in progress.
    /// </summary>
    public SpeechStopped? Flush()
    {
        if (!InSpeech)
        {
            return null;
        }

        _segment.AddRange(_frame.AsSpan(0, _frameFill));
        _frameFill = 0;
        _framesEnd = _samples;
        return Stop(_samples);
    }

    /// <summary>
    /// Drops speech in progress and the audio held for prefix padding, without an event
    /// (<c>input_audio_buffer.clear</c>); the clock keeps running.
    /// </summary>
    public void Clear()
    {
        InSpeech = false;
        _segment.Clear();
        _historyCount = 0;
        _loudRun = 0;
        _quietRun = 0;
    }

    private VoiceActivityEvent? ProcessFrame()
    {
        var frameStart = _framesEnd;
        _framesEnd += _frameSamples;
        var level = Level(_frame);
        var onsetDbfs = Math.Max(_absoluteDbfs, NoiseFloor() + _marginDb);
        _noiseWindow[_noiseNext] = level;
        _noiseNext = (_noiseNext + 1) % _noiseWindow.Length;

        if (!InSpeech)
        {
            Remember(_frame);
            if (level < onsetDbfs)
            {
                _loudRun = 0;
                return null;
            }

            if (_loudRun++ == 0)
            {
                _loudStart = frameStart;
            }

            return _loudRun < OnsetFrames ? null : Start();
        }

        _segment.AddRange(_frame);
        _quietRun = level >= onsetDbfs - HysteresisDb ? 0 : _quietRun + 1;
        return _quietRun < _silenceFrames ? null : Stop(_framesEnd);
    }

    private SpeechStarted Start()
    {
        var historyStart = _framesEnd - _historyCount;
        // The history restarts at each segment's end, so padding never reaches into audio already handed over.
        _segmentStart = Math.Max(_loudStart - _prefixSamples, historyStart);
        var skip = (int)(_segmentStart - historyStart);
        _segment.Clear();
        _segment.AddRange(_history.AsSpan(skip, _historyCount - skip));
        _historyCount = 0;
        _quietRun = 0;
        InSpeech = true;
        return new SpeechStarted(ToMs(_segmentStart));
    }

    private SpeechStopped Stop(long end)
    {
        var stopped = new SpeechStopped(ToMs(_segmentStart), ToMs(end), _segment.ToArray());
        Clear();
        return stopped;
    }

    // Keeps the last _history.Length samples while idle.
    private void Remember(ReadOnlySpan<short> frame)
    {
        var overflow = _historyCount + frame.Length - _history.Length;
        if (overflow > 0)
        {
            _history.AsSpan(overflow, _historyCount - overflow).CopyTo(_history);
            _historyCount -= overflow;
        }

        frame.CopyTo(_history.AsSpan(_historyCount));
        _historyCount += frame.Length;
    }

    private double NoiseFloor()
    {
        var min = double.MaxValue;
        foreach (var level in _noiseWindow)
        {
            min = Math.Min(min, level);
        }

        return min;
    }

    internal static double Level(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (var s in frame)
        {
            sum += (double)s * s;
        }

        var rms = Math.Sqrt(sum / frame.Length) / 32768.0;
        return rms <= 0 ? SilenceDbfs : Math.Max(SilenceDbfs, 20 * Math.Log10(rms));
    }

    private long ToMs(long samples) => samples * 1000 / _sampleRate;
}
