namespace Tandem.Voice.Realtime;

/// <summary>When each chunk of streamed audio is due: audio already sent, played at <c>speed</c> times real time.</summary>
internal static class AudioPacer
{
    /// <summary>How long after the first chunk the chunk that follows <paramref name="bytesSent"/> bytes is due.</summary>
    public static TimeSpan DueAfter(long bytesSent, int bytesPerSecond, double speed) =>
        TimeSpan.FromTicks((long)(bytesSent * (double)TimeSpan.TicksPerSecond / bytesPerSecond / speed));
}
