using System.Diagnostics;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// <c>AdaptiveSpin</c>, driven as a connection's thread drives it: spin while most recent waits were
/// short, back off after spins that caught nothing, never with a zero limit.
/// </summary>
public sealed class AdaptiveSpinTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMicroseconds(200);
    private static readonly long Short = Ticks(TimeSpan.FromMicroseconds(50));
    private static readonly long Long = Ticks(TimeSpan.FromMilliseconds(5));

    [Fact]
    public void ANewConnection_Spins()
    {
        Assert.True(new AdaptiveSpin(Limit).ShouldSpin);
        Assert.Equal(Ticks(Limit), new AdaptiveSpin(Limit).LimitTicks);
    }

    [Fact]
    public void AZeroLimit_NeverSpins_WhateverTheWaits()
    {
        var spin = new AdaptiveSpin(TimeSpan.Zero);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(SpinOutcome.NotSpun, Wait(ref spin, 0));
        }
    }

    [Fact]
    public void ShortWaits_KeepItSpinning_UpToAWaitOfExactlyTheLimit()
    {
        var spin = new AdaptiveSpin(Limit);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(SpinOutcome.Caught, Wait(ref spin, Short));
        }

        Assert.Equal(SpinOutcome.Caught, Wait(ref spin, Ticks(Limit)));
        Assert.True(spin.ShouldSpin);
    }

    [Fact]
    public void OneSpinInVain_MakesOnlyTheNextTwoWaitsSleep()
    {
        var spin = new AdaptiveSpin(Limit);
        Assert.Equal(SpinOutcome.Missed, Wait(ref spin, Long)); // a turn's think time, a collection…
        Assert.Equal(SpinOutcome.NotSpun, Wait(ref spin, Short));
        Assert.Equal(SpinOutcome.NotSpun, Wait(ref spin, Short));
        Assert.Equal(SpinOutcome.Caught, Wait(ref spin, Short));
        Assert.True(spin.ShouldSpin);
    }

    [Fact]
    public void LongWaits_StopIt_AfterTwoSpinsInVain()
    {
        var spin = new AdaptiveSpin(Limit);
        var spun = 0;
        for (var i = 0; i < 1000; i++)
        {
            spun += Wait(ref spin, Long) == SpinOutcome.Missed ? 1 : 0;
        }

        Assert.Equal(2, spun);
        Assert.False(spin.ShouldSpin);
    }

    [Fact]
    public void AfterAnyNumberOfLongWaits_AFewShortOnes_TurnItBackOn()
    {
        var spin = new AdaptiveSpin(Limit);
        for (var i = 0; i < 10_000; i++)
        {
            Wait(ref spin, Long);
        }

        Assert.False(spin.ShouldSpin);
        var waits = 0;
        while (!spin.ShouldSpin)
        {
            Wait(ref spin, Short);
            waits++;
            Assert.True(waits <= 70, "not spinning after 70 short waits in a row"); // the share (6 waits) or the longest back-off (64)
        }
    }

    [Fact]
    public void MostlyLongWaits_KeepItOff()
    {
        var spin = new AdaptiveSpin(Limit);
        for (var i = 0; i < 1000; i++)
        {
            Wait(ref spin, i % 4 == 0 ? Short : Long); // a distant server: now and then two frames close together
        }

        Assert.False(spin.ShouldSpin);
    }

    [Fact]
    public void ShortAndLongWaitsInTurn_SpinInVainOnlyNowAndThen()
    {
        // A message split over two packets, then a long wait for the next one: the short waits keep
        // the share at about half, and every spin falls before a long wait. Without the back-off that
        // is a spin in vain every other wait (500 here).
        var spin = new AdaptiveSpin(Limit);
        var missed = 0;
        for (var i = 0; i < 1000; i++)
        {
            missed += Wait(ref spin, i % 2 == 0 ? Short : Long) == SpinOutcome.Missed ? 1 : 0;
        }

        Assert.InRange(missed, 1, 25);
    }

    /// <summary>One wait of <paramref name="ticks"/>, spun when the policy says so, as ConnectionThreadStream does.</summary>
    private static SpinOutcome Wait(ref AdaptiveSpin spin, long ticks)
    {
        var outcome = !spin.ShouldSpin ? SpinOutcome.NotSpun : ticks <= spin.LimitTicks ? SpinOutcome.Caught : SpinOutcome.Missed;
        spin.Record(ticks, outcome);
        return outcome;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
