namespace Tandem.Voice.Realtime;

/// <summary>How fast <see cref="RealtimeClient.StreamAudioAsync(Stream, AudioStreamOptions?, CancellationToken)"/> sends audio: at its own pace, N times faster, or as fast as possible.</summary>
public readonly record struct AudioPacing
{
    private AudioPacing(double? speed) => Speed = speed;

    /// <summary>The multiple of real time; null for as fast as possible.</summary>
    public double? Speed { get; }

    /// <summary>One second of audio per second, as a microphone would (what server VAD expects).</summary>
    public static AudioPacing RealTime => new(1);

    /// <summary>No waiting between chunks.</summary>
    public static AudioPacing AsFastAsPossible => new(null);

    /// <summary><paramref name="speed"/> seconds of audio per second.</summary>
    public static AudioPacing Times(double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The pacing speed must be a positive, finite multiple of real time.");
        }

        return new(speed);
    }

    public override string ToString() => Speed is { } s ? $"{s:0.##}x real time" : "as fast as possible";
}
