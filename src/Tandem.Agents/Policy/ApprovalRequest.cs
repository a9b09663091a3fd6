namespace Tandem.Agents.Policy;

/// <summary>
/// A pending approval: bound to one run, one tool and the hash of the exact arguments, identified by
/// a random nonce, and valid until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record ApprovalRequest(string Nonce, string RunId, string CallId, string ToolName, string Arguments, string ArgumentsHash, DateTimeOffset ExpiresAt, string Reason);
