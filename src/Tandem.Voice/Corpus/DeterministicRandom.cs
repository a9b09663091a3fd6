namespace Tandem.Voice.Corpus;

/// <summary>
/// SplitMix64: a tiny, fully specified generator. The corpus uses it instead of <see cref="Random"/> because
/// <see cref="Random"/>'s seeded sequence is an implementation detail .NET may change; this one is fixed here, so a
/// seed maps to the same corpus on every runtime. Streams are derived per purpose and index (<see cref="For"/>), so
/// adding samples of one kind never shifts another kind's values.
/// </summary>
internal sealed class DeterministicRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>An independent stream for (<paramref name="seed"/>, <paramref name="purpose"/>, <paramref name="index"/>).</summary>
    public static DeterministicRandom For(long seed, string purpose, long index) =>
        new(Mix(Mix(Mix((ulong)seed) ^ Fnv1a(purpose)) ^ (ulong)index));

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var value = NextUInt64();
            if (value >= threshold)
            {
                return (int)(value % bound);
            }
        }
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>].</summary>
    public int Next(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    public char Pick(string choices) => choices[Next(choices.Length)];

    public T Pick<T>(IReadOnlyList<T> choices) => choices[Next(choices.Count)];

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    // string.GetHashCode is randomised per process; FNV-1a over UTF-16 code units is not.
    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }
}
