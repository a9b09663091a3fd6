namespace Tandem.Responses.Auth;

/// <summary>A key as the pool sees it (no secret).</summary>
public sealed record ApiKeyStatus(string KeyId, bool Healthy, int ConsecutiveUnauthorized, DateTimeOffset? UnhealthySince);
