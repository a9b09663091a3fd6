using System.Security.Cryptography;
using System.Text;

namespace Tandem.Agents.Policy;

/// <summary>
/// Approvals that cannot be replayed (checklist S5): each binds run + tool + SHA-256 of the exact
/// arguments + a random nonce, is usable once, and expires (<see cref="TimeProvider"/>). Using one
/// for other arguments, a second time, or too late is refused.
/// </summary>
public sealed class ApprovalGate(TimeProvider? time = null, TimeSpan? lifetime = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromMinutes(15);
    private readonly Dictionary<string, (ApprovalRequest Request, bool Approved, bool Used, string? Denial)> _requests = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ApprovalRequest Request(string runId, string callId, string toolName, string arguments, string reason)
    {
        var request = new ApprovalRequest(
            "apr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), runId, callId, toolName, arguments, Hash(arguments), _time.GetUtcNow() + _lifetime, reason);
        lock (_gate)
        {
            _requests[request.Nonce] = (request, false, false, null);
        }

        return request;
    }

    /// <summary>Approves a pending, unexpired request; false when there is none.</summary>
    public bool Approve(string nonce)
    {
        lock (_gate)
        {
            if (!_requests.TryGetValue(nonce, out var entry) || entry.Used || entry.Denial is not null || _time.GetUtcNow() > entry.Request.ExpiresAt)
            {
                return false;
            }

            _requests[nonce] = entry with { Approved = true };
            return true;
        }
    }

    /// <summary>
    /// Refuses a pending request: a resumed run tells the model the call was denied (with
    /// <paramref name="reason"/>) instead of running it. False when there is no such pending request.
    /// </summary>
    public bool Deny(string nonce, string? reason = null)
    {
        lock (_gate)
        {
            if (!_requests.TryGetValue(nonce, out var entry) || entry.Used || entry.Approved)
            {
                return false;
            }

            _requests[nonce] = entry with { Denial = string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason };
            return true;
        }
    }

    /// <summary>Why the request was denied, or <see langword="null"/> when it was not.</summary>
    public string? DenialOf(string nonce)
    {
        lock (_gate)
        {
            return _requests.TryGetValue(nonce, out var entry) ? entry.Denial : null;
        }
    }

    /// <summary>Consumes an approval for exactly this run, tool and arguments; false (and nothing consumed) otherwise.</summary>
    public bool TryUse(string nonce, string runId, string toolName, string arguments, out string? refusal)
    {
        lock (_gate)
        {
            refusal = !_requests.TryGetValue(nonce, out var entry) ? "no such approval"
                : entry.Denial is not null ? "denied"
                : !entry.Approved ? "not approved"
                : entry.Used ? "already used"
                : _time.GetUtcNow() > entry.Request.ExpiresAt ? "expired"
                : entry.Request.RunId != runId || entry.Request.ToolName != toolName ? "issued for another run or tool"
                : entry.Request.ArgumentsHash != Hash(arguments) ? "issued for other arguments"
                : null;
            if (refusal is not null)
            {
                return false;
            }

            _requests[nonce] = entry with { Used = true };
            return true;
        }
    }

    private static string Hash(string arguments) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments)));
}
