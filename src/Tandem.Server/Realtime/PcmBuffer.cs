namespace Tandem.Server.Realtime;

/// <summary>A growable run of 24 kHz PCM16 samples: the uncommitted input audio buffer.</summary>
internal sealed class PcmBuffer
{
    private short[] _samples = [];

    public int Count { get; private set; }

    /// <summary>Its size as PCM16 bytes (what the 15 MiB limit counts).</summary>
    public long Bytes => Count * 2L;

    public double Milliseconds => Count * 1000.0 / RealtimeSessionSettings.PcmRate;

    public void Append(ReadOnlySpan<short> samples)
    {
        if (Count + samples.Length > _samples.Length)
        {
            Array.Resize(ref _samples, Math.Max(Count + samples.Length, Math.Max(_samples.Length * 2, RealtimeSessionSettings.PcmRate)));
        }

        samples.CopyTo(_samples.AsSpan(Count));
        Count += samples.Length;
    }

    /// <summary>Keeps only the last <paramref name="keep"/> samples.</summary>
    public void KeepLast(int keep)
    {
        if (Count <= keep)
        {
            return;
        }

        _samples.AsSpan(Count - keep, keep).CopyTo(_samples);
        Count = keep;
    }

    public short[] ToArray() => _samples.AsSpan(0, Count).ToArray();

    /// <summary>Empties the buffer and lets a large one go (a long buffered turn should not pin its array).</summary>
    public void Clear()
    {
        Count = 0;
        if (_samples.Length > RealtimeSessionSettings.PcmRate * 60)
        {
            _samples = [];
        }
    }
}
