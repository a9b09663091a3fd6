using System.Diagnostics;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// <c>ConnectionSpin</c> on made-up timestamps (no clock, no sockets): which waits count as waits
/// for an answer, from when they are timed, and that the two kinds are learnt apart.
/// </summary>
public sealed class ConnectionSpinTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMicroseconds(200);
    private static readonly long Us = Stopwatch.Frequency / 1_000_000;

    [Fact]
    public void AWaitAfterAWrite_WaitsForAnAnswer_AndOneAfterData_ForMore()
    {
        var spin = new ConnectionSpin(Limit);
        Assert.NotEqual(0, spin.Begin(Now(1000), lastWriteAt: Now(990), lastDataAt: Now(900)));
        Assert.True(spin.WaitsForAnswer);
        spin.End(Now(990), Now(1050), SpinOutcome.Caught);

        Assert.NotEqual(0, spin.Begin(Now(1100), lastWriteAt: Now(990), lastDataAt: Now(1060)));
        Assert.False(spin.WaitsForAnswer);
    }

    [Fact]
    public void LongAnswers_StopSpinningForAnswers_ButNotForTheirParts()
    {
        // Each answer comes 50 ms after its request, its two other parts at once.
        var spin = new ConnectionSpin(Limit);
        var t = Now(1_000);
        int answerSpins = 0, partSpins = 0;
        for (var round = 0; round < 100; round++)
        {
            var wrote = t;
            answerSpins += Wait(spin, ref t, wrote, dataAt: t - 10, takes: 50_000) ? 1 : 0;
            for (var part = 0; part < 2; part++)
            {
                partSpins += Wait(spin, ref t, wrote, dataAt: t, takes: 20) ? 1 : 0;
            }
        }

        Assert.Equal(2, spin.AnswerMisses); // two spins in vain, then the share of short answers is below half
        Assert.Equal(2, answerSpins);
        Assert.Equal(200, partSpins); // every part still spun (and was caught)
    }

    [Fact]
    public void AWriteWhileSpinningForMore_TurnsTheWaitIntoOneForTheAnswer_TimedFromTheWrite()
    {
        var spin = new ConnectionSpin(Limit);
        var until = spin.Begin(Now(1000), lastWriteAt: Now(500), lastDataAt: Now(900));
        Assert.False(spin.WaitsForAnswer);
        Assert.Equal(Now(1200), until);

        Assert.Equal(until, spin.WroteWhileSpinning(Now(500), until)); // no new write: nothing changes
        var extended = spin.WroteWhileSpinning(Now(1150), until);
        Assert.True(spin.WaitsForAnswer);
        Assert.Equal(Now(1350), extended); // a full spin for the answer, from the write

        spin.End(Now(1150), Now(1400), SpinOutcome.Missed);
        Assert.Equal(1, spin.AnswerMisses);
    }

    [Fact]
    public void AWriteWhileSleeping_MakesTheRestOfTheWaitOneForTheAnswer()
    {
        // The caller thinks for 10 ms between turns (the wait for more sleeps through it), then writes;
        // the answer comes 50 µs later. Timed from the write, those are short answers: spinning for
        // answers goes on; timed from the wait's start they would be long, and stop it.
        var spin = new ConnectionSpin(Limit);
        var t = Now(1_000);
        for (var round = 0; round < 50; round++)
        {
            var begin = t;
            var until = spin.Begin(begin, lastWriteAt: begin - (20 * Us), lastDataAt: begin - (10 * Us));
            var outcome = until == 0 ? SpinOutcome.NotSpun : SpinOutcome.Missed; // nothing comes within the spin
            var wrote = begin + (10_000 * Us);
            spin.End(wrote, wrote + (50 * Us), outcome);
            Assert.True(spin.WaitsForAnswer);
            t = wrote + (60 * Us);
        }

        Assert.Equal(0, spin.AnswerMisses); // the waits for more spun in vain through the gaps, never those for answers
        Assert.NotEqual(0, spin.Begin(t, lastWriteAt: t, lastDataAt: t - Us)); // a wait for an answer still spins
        Assert.True(spin.WaitsForAnswer);
    }

    [Fact]
    public void AWaitThatCaughtData_IsNotMadeAnAnswerByAWriteAfterIt()
    {
        var spin = new ConnectionSpin(Limit);
        spin.Begin(Now(1000), lastWriteAt: Now(500), lastDataAt: Now(900));
        spin.End(lastWriteAt: Now(1100), Now(1110), SpinOutcome.Caught); // the data came at ~1050, a write at 1100
        Assert.False(spin.WaitsForAnswer);
        Assert.Equal(0, spin.AnswerMisses);
    }

    /// <summary>One wait from <paramref name="t"/> that lasts <paramref name="takes"/> µs, spun if the policy says so; true when it spun.</summary>
    private static bool Wait(ConnectionSpin spin, ref long t, long wrote, long dataAt, int takes)
    {
        var until = spin.Begin(t, wrote, dataAt);
        var end = t + (takes * Us);
        var outcome = until == 0 ? SpinOutcome.NotSpun : end <= until ? SpinOutcome.Caught : SpinOutcome.Missed;
        spin.End(wrote, end, outcome);
        t = end + Us;
        return until != 0;
    }

    private static long Now(int microseconds) => microseconds * Us;
}
