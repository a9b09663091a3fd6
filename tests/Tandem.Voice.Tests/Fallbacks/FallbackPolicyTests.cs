using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Tests.Fallbacks;

public sealed class FallbackPolicyTests
{
    private const string Phone = "+14155550123";

    private static CaptureAttempt Voice(string value) => new(value, value, CaptureSource.Voice);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task None_WrongFirstAttempt_AcceptsItAnyway()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone);

        var outcome = await FallbackPolicy.None.RunAsync(caller, Voice("+1415555012"), cancellationToken: Ct);

        Assert.True(outcome.Accepted);
        Assert.Equal("+1415555012", outcome.Value);
        Assert.Equal(1, outcome.CallerTurns);
        Assert.Empty(caller.Requests);
    }

    [Fact]
    public async Task Validate_InvalidThenValidRepeat_AcceptsTheRepeatAfterTwoTurns()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        caller.Answers.Enqueue(Voice("four one five five five five oh one two three"));

        var outcome = await FallbackPolicyBuilder.Named("validate").RunAsync(caller, Voice("four one five five five"), cancellationToken: Ct);

        Assert.True(outcome.Accepted);
        Assert.Equal(Phone, outcome.Value);
        Assert.Equal(2, outcome.CallerTurns);
        Assert.Equal([CallerRequest.Repeat], caller.Requests);
        Assert.Contains(outcome.Trace, line => line.StartsWith("validate: rejected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ValidButWrong_FalseAcceptThatOnlyConfirmCatches()
    {
        // 415 555 0124 is a valid number, just not the caller's: validation cannot know.
        var validateOnly = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        var accepted = await FallbackPolicyBuilder.Named("validate").RunAsync(validateOnly, Voice("+14155550124"), cancellationToken: Ct);
        Assert.Equal("+14155550124", accepted.Value);

        var withConfirm = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        withConfirm.Answers.Enqueue(Voice(Phone));
        var confirmed = await FallbackPolicyBuilder.Named("validate+asr2+confirm").RunAsync(withConfirm, Voice("+14155550124"), cancellationToken: Ct);

        Assert.True(confirmed.Accepted);
        Assert.Equal(Phone, confirmed.Value);
        Assert.Equal(2, withConfirm.ReadBacks.Count); // the wrong one refused, the right one confirmed
        Assert.Equal(4, confirmed.CallerTurns); // attempt, no, repeat, yes
    }

    [Fact]
    public async Task SecondRecognizer_InvalidFirstValidSecond_TakesTheSecondWithoutACallerTurn()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        caller.SecondReadings["four one five five five oh one two three"] = "four one five five five five oh one two three";

        var outcome = await FallbackPolicyBuilder.Named("validate+asr2").RunAsync(caller, Voice("four one five five five oh one two three"), cancellationToken: Ct);

        Assert.True(outcome.Accepted);
        Assert.Equal(Phone, outcome.Value);
        Assert.Equal(1, outcome.CallerTurns);
        Assert.Empty(caller.Requests);
    }

    [Fact]
    public async Task SecondRecognizer_TwoValidReadingsDisagree_AsksAgain()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        caller.SecondReadings["+14155550124"] = "+14155550123";
        caller.Answers.Enqueue(Voice(Phone));

        var outcome = await FallbackPolicyBuilder.Named("validate+asr2").RunAsync(caller, Voice("+14155550124"), cancellationToken: Ct);

        Assert.Equal(Phone, outcome.Value);
        Assert.Equal([CallerRequest.Repeat], caller.Requests);
        Assert.Contains(outcome.Trace, line => line.Contains("disagrees", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondRecognizer_DisagreesButPolicyConfirms_TheReadBackDecidesWithoutAReAsk()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        caller.SecondReadings[Phone] = "+14155550124"; // the weaker second reading is wrong

        var outcome = await FallbackPolicyBuilder.Named("validate+asr2+confirm").RunAsync(caller, Voice(Phone), cancellationToken: Ct);

        Assert.Equal(Phone, outcome.Value);
        Assert.Empty(caller.Requests);
        Assert.Single(caller.ReadBacks);
        Assert.Equal(2, outcome.CallerTurns);
        Assert.Contains(outcome.Trace, line => line.Contains("the read-back decides", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Confirm_CardNumber_NeverReadBackAndAsksToRepeatInstead()
    {
        const string card = "4000001234567899";
        var caller = new ScriptedCaller(EntityKind.CardNumber, card);
        caller.Answers.Enqueue(Voice(card));

        var outcome = await FallbackPolicyBuilder.Named("validate+asr2+confirm").RunAsync(caller, Voice(card), cancellationToken: Ct);

        Assert.True(outcome.Accepted);
        Assert.Empty(caller.ReadBacks);
        Assert.Equal([CallerRequest.Repeat], caller.Requests);
        Assert.Equal(2, outcome.CallerTurns);
    }

    [Fact]
    public async Task Full_NothingCapturedByVoice_EndsOnTheKeypad()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone); // every voice answer is empty

        var outcome = await FallbackPolicyBuilder.Named("full").RunAsync(caller, Voice(string.Empty), cancellationToken: Ct);

        Assert.True(outcome.Accepted);
        Assert.Equal(Phone, outcome.Value);
        Assert.Equal([CallerRequest.Repeat, CallerRequest.InParts, CallerRequest.Keypad], caller.Requests);
        Assert.Equal(CaptureSource.Keypad, outcome.Attempts[^1].Source);
    }

    [Fact]
    public async Task Full_NoKeypadOnTheChannel_GivesUpWithTheReason()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone) { HasKeypad = false };

        var outcome = await FallbackPolicyBuilder.Named("full").RunAsync(caller, Voice(string.Empty), cancellationToken: Ct);

        Assert.False(outcome.Accepted);
        Assert.Null(outcome.Value);
        Assert.Contains("no fallback left", outcome.GaveUpReason, StringComparison.Ordinal);
        Assert.Equal([CallerRequest.Repeat, CallerRequest.InParts], caller.Requests);
    }

    [Fact]
    public async Task Full_OrderCode_KeypadNeverOffered()
    {
        var caller = new ScriptedCaller(EntityKind.OrderCode, "7KQ4MX");

        var outcome = await FallbackPolicyBuilder.Named("full").RunAsync(caller, Voice(string.Empty), cancellationToken: Ct);

        Assert.False(outcome.Accepted);
        Assert.DoesNotContain(CallerRequest.Keypad, caller.Requests);
    }

    [Fact]
    public async Task MaxCallerTurns_Reached_GivesUp()
    {
        var caller = new ScriptedCaller(EntityKind.PhoneNumber, Phone);
        var policy = new FallbackPolicyBuilder().Validate().InParts().Keypad().Build("tight", new FallbackPolicyOptions { MaxCallerTurns = 1 });

        var outcome = await policy.RunAsync(caller, Voice("12"), cancellationToken: Ct);

        Assert.False(outcome.Accepted);
        Assert.Contains("limit 1", outcome.GaveUpReason, StringComparison.Ordinal);
        Assert.Empty(caller.Requests);
    }

    [Fact]
    public void Builder_ReAskWithoutAnyCheck_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new FallbackPolicyBuilder().InParts().Build("x"));
        Assert.Contains("Validate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_SameCheckTwice_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new FallbackPolicyBuilder().Validate().Validate());
    }

    [Fact]
    public void Named_Unknown_ListsTheKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => FallbackPolicyBuilder.Named("paranoid"));
        Assert.Contains("validate+asr2+confirm", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ladder_EachPolicyAddsOneStep()
    {
        var ladder = FallbackPolicyBuilder.Ladder();

        Assert.Equal(["none", "validate", "validate+asr2", "validate+asr2+confirm", "full"], ladder.Select(p => p.Name));
        Assert.Equal([CallerRequest.Repeat, CallerRequest.InParts, CallerRequest.Keypad], ladder[^1].Ladder);
    }
}
