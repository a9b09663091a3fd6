namespace Tandem.Responses.Auth;

/// <summary>Something happened to a key. <see cref="KeyId"/> is a fingerprint, never the key.</summary>
public sealed record ApiKeyAlert(string KeyId, ApiKeyAlertKind Kind, string Message, DateTimeOffset At);
