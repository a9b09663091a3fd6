namespace Tandem.Bench.Capacity;

/// <summary>One turn-test worker's counts (not shared while it runs).</summary>
internal sealed class TurnTally
{
    public List<long> Latencies { get; } = new(4096);

    public List<string> ErrorMessages { get; } = [];

    public long Errors { get; private set; }

    public long Frames { get; set; }

    public long Bytes { get; set; }

    public void Error(string message)
    {
        Errors++;
        if (ErrorMessages.Count < TurnRateTest.MaxErrorMessages)
        {
            ErrorMessages.Add(message);
        }
    }
}
