namespace Tandem.Responses.Auth;

/// <summary>The key a request uses, and what to report back about it.</summary>
internal sealed record ApiKeyLease(string KeyId, string Value);
