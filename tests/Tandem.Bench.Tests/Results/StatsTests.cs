using Tandem.Bench.Results;

namespace Tandem.Bench.Tests.Results;

public sealed class StatsTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 0.5, 3.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.5)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 0.5, 3.0)]
    [InlineData(new[] { 10.0, 20.0, 30.0, 40.0, 50.0 }, 0.95, 48.0)]
    [InlineData(new[] { 10.0, 20.0 }, 1.0, 20.0)]
    public void Percentile_InterpolatesBetweenRanks(double[] values, double p, double expected) =>
        Assert.Equal(expected, Stats.Percentile(values, p), 9);

    [Fact]
    public void Median_OfNothing_IsNaN() => Assert.True(double.IsNaN(Stats.Median([])));
}
