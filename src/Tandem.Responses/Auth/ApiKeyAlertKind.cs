namespace Tandem.Responses.Auth;

public enum ApiKeyAlertKind
{
    /// <summary>A key failed authentication twice in a row and is out of rotation.</summary>
    MarkedUnhealthy,

    /// <summary>A background probe found an unhealthy key working again.</summary>
    Restored,

    /// <summary>Every key is unhealthy: calls fail until one is restored or added.</summary>
    NoHealthyKeys,

    Added,

    Retired,
}
