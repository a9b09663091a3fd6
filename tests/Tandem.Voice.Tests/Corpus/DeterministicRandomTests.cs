using Tandem.Voice.Corpus;

namespace Tandem.Voice.Tests.Corpus;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesSplitMix64Reference()
    {
        // The reference SplitMix64 (Vigna) from state 0: pinning it pins every corpus the seed produces.
        var random = new DeterministicRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void For_SamePurposeAndIndex_SameStream()
    {
        Assert.Equal(DeterministicRandom.For(5, "noise:x", 3).NextUInt64(), DeterministicRandom.For(5, "noise:x", 3).NextUInt64());
        Assert.NotEqual(DeterministicRandom.For(5, "noise:x", 3).NextUInt64(), DeterministicRandom.For(5, "noise:x", 4).NextUInt64());
        Assert.NotEqual(DeterministicRandom.For(5, "noise:x", 3).NextUInt64(), DeterministicRandom.For(5, "noise:y", 3).NextUInt64());
        Assert.NotEqual(DeterministicRandom.For(5, "noise:x", 3).NextUInt64(), DeterministicRandom.For(6, "noise:x", 3).NextUInt64());
    }

    [Fact]
    public void Next_Bound_StaysInRangeAndReachesEveryValue()
    {
        var random = new DeterministicRandom(9);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++)
        {
            seen[random.Next(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void Shuffle_Items_IsAPermutation()
    {
        var items = Enumerable.Range(0, 50).ToList();
        new DeterministicRandom(3).Shuffle(items);
        Assert.NotEqual(Enumerable.Range(0, 50), items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
    }
}
