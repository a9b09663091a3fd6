namespace Tandem.Responses.Auth;

/// <summary>What to do after a 401.</summary>
internal enum UnauthorizedDecision
{
    /// <summary>First 401 on this key: transient 401s happen; try it once more after a short delay.</summary>
    RetrySameKey,

    /// <summary>The key is now unhealthy; another healthy key takes over: retry with it.</summary>
    RetryNextKey,

    /// <summary>No healthy key left: fail.</summary>
    Fail,
}
