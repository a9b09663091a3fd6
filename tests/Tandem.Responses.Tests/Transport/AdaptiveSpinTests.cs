using System.Diagnostics;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary><c>AdaptiveSpin</c>: spin while most recent waits were short; a zero limit never spins.</summary>
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
            spin.Record(0);
            Assert.False(spin.ShouldSpin);
        }
    }

    [Fact]
    public void ShortWaits_KeepItSpinning()
    {
        var spin = new AdaptiveSpin(Limit);
        for (var i = 0; i < 1000; i++)
        {
            spin.Record(Short);
            Assert.True(spin.ShouldSpin);
        }

        spin.Record(Ticks(Limit)); // exactly the limit still counts as served by the spin
        Assert.True(spin.ShouldSpin);
    }

    [Fact]
    public void LongWaits_StopIt_AfterAFew_AndOneOccasionalLongWaitDoesNot()
    {
        var spin = new AdaptiveSpin(Limit);
        spin.Record(Long); // a turn's think time, a collection…: not enough
        Assert.True(spin.ShouldSpin);

        var waits = 1;
        while (spin.ShouldSpin)
        {
            spin.Record(Long);
            waits++;
            Assert.True(waits <= 8, "still spinning after 8 long waits in a row");
        }

        Assert.InRange(waits, 4, 8);
    }

    [Fact]
    public void AfterAnyNumberOfLongWaits_AFewShortOnes_TurnItBackOn()
    {
        var spin = new AdaptiveSpin(Limit);
        for (var i = 0; i < 10_000; i++)
        {
            spin.Record(Long);
        }

        Assert.False(spin.ShouldSpin);
        var waits = 0;
        while (!spin.ShouldSpin)
        {
            spin.Record(Short);
            waits++;
            Assert.True(waits <= 8, "not spinning after 8 short waits in a row");
        }
    }

    [Fact]
    public void MostlyLongWaits_KeepItOff()
    {
        var spin = new AdaptiveSpin(Limit);
        for (var i = 0; i < 1000; i++)
        {
            spin.Record(i % 4 == 0 ? Short : Long); // a remote server: now and then two frames close together
        }

        Assert.False(spin.ShouldSpin);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
