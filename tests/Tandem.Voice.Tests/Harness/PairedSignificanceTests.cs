using Tandem.Voice.Harness;

namespace Tandem.Voice.Tests.Harness;

public sealed class PairedSignificanceTests
{
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 6, 0.03125)] // 2 × ½^6
    [InlineData(1, 9, 0.021484375)] // 2 × (1 + 10) / 1024
    [InlineData(10, 0, 0.001953125)]
    public void McNemarExact_KnownBinomialTails(int onlyA, int onlyB, double expected)
    {
        Assert.Equal(expected, PairedSignificance.McNemarExact(onlyA, onlyB), 12);
    }

    [Fact]
    public void McNemarExact_LargeCounts_StaysInRange()
    {
        var p = PairedSignificance.McNemarExact(480, 520);
        Assert.InRange(p, 0.2, 0.25); // normal approximation: z = 40 / √1000 ≈ 1.26 → p ≈ 0.21
    }

    [Fact]
    public void PairedBootstrap_ClearImprovement_IntervalExcludesZero()
    {
        var a = Enumerable.Range(0, 100).Select(i => i % 2 == 0).ToList(); // 50 %
        var b = Enumerable.Range(0, 100).Select(i => i % 10 != 0).ToList(); // 90 %

        var interval = PairedSignificance.PairedBootstrap(a, b);

        Assert.Equal(0.4, interval.Difference, 10);
        Assert.True(interval.ExcludesZero);
        Assert.InRange(interval.Low, 0.25, 0.4);
        Assert.InRange(interval.High, 0.4, 0.55);
    }

    [Fact]
    public void PairedBootstrap_SameOutcomes_ZeroWidthAtZero()
    {
        var a = Enumerable.Range(0, 30).Select(i => i % 3 == 0).ToList();

        var interval = PairedSignificance.PairedBootstrap(a, a);

        Assert.Equal(0, interval.Difference);
        Assert.False(interval.ExcludesZero);
    }

    [Fact]
    public void PairedBootstrap_SameSeed_SameInterval()
    {
        var a = Enumerable.Range(0, 40).Select(i => i % 3 == 0).ToList();
        var b = Enumerable.Range(0, 40).Select(i => i % 4 != 0).ToList();

        Assert.Equal(PairedSignificance.PairedBootstrap(a, b, seed: 3), PairedSignificance.PairedBootstrap(a, b, seed: 3));
    }

    [Fact]
    public void PairedBootstrap_UnequalCounts_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => PairedSignificance.PairedBootstrap([true], [true, false]));
        Assert.Contains("arm A has 1, arm B 2", ex.Message, StringComparison.Ordinal);
    }
}
