using Microsoft.Extensions.Time.Testing;
using Tandem.Agents.Policy;

namespace Tandem.Agents.Tests.Policy;

/// <summary>Checklist S5: approvals bind tool + argument hash + nonce, are single use and expire.</summary>
public sealed class ApprovalGateTests
{
    private const string Args = """{"to":"ceo@example.com","body":"hi"}""";

    [Fact]
    public void TryUse_ApprovedForExactlyThisCall_IsAllowedOnce()
    {
        var gate = new ApprovalGate();
        var request = gate.Request("run", "c1", "send_email", Args, "high risk");
        Assert.True(gate.Approve(request.Nonce));

        Assert.True(gate.TryUse(request.Nonce, "run", "send_email", Args, out var first));
        Assert.Null(first);
        Assert.False(gate.TryUse(request.Nonce, "run", "send_email", Args, out var reuse));
        Assert.Equal("already used", reuse);
    }

    [Fact]
    public void TryUse_ChangedArgumentsOtherToolOrRun_AreRefusedWithoutConsumingTheApproval()
    {
        var gate = new ApprovalGate();
        var request = gate.Request("run", "c1", "send_email", Args, "high risk");
        gate.Approve(request.Nonce);

        Assert.False(gate.TryUse(request.Nonce, "run", "send_email", Args.Replace("ceo", "attacker", StringComparison.Ordinal), out var changed));
        Assert.Equal("issued for other arguments", changed);
        Assert.False(gate.TryUse(request.Nonce, "run", "delete_repo", Args, out var otherTool));
        Assert.Equal("issued for another run or tool", otherTool);
        Assert.False(gate.TryUse(request.Nonce, "other-run", "send_email", Args, out _));
        Assert.True(gate.TryUse(request.Nonce, "run", "send_email", Args, out _));
    }

    [Fact]
    public void TryUse_AfterExpiry_IsRefused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new ApprovalGate(time, TimeSpan.FromMinutes(5));
        var request = gate.Request("run", "c1", "send_email", Args, "high risk");
        gate.Approve(request.Nonce);

        time.Advance(TimeSpan.FromMinutes(6));

        Assert.False(gate.TryUse(request.Nonce, "run", "send_email", Args, out var refusal));
        Assert.Equal("expired", refusal);
        Assert.False(gate.Approve(request.Nonce), "an expired request cannot be approved either");
    }

    [Fact]
    public void TryUse_NotApprovedOrUnknownNonce_IsRefused()
    {
        var gate = new ApprovalGate();
        var request = gate.Request("run", "c1", "send_email", Args, "high risk");

        Assert.False(gate.TryUse(request.Nonce, "run", "send_email", Args, out var pending));
        Assert.Equal("not approved", pending);
        Assert.False(gate.TryUse("apr_forged", "run", "send_email", Args, out var forged));
        Assert.Equal("no such approval", forged);
    }
}
