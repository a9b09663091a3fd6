namespace Tandem.Server.Realtime;

/// <summary>
/// A client event the session refuses: becomes an <c>error</c> event (the session stays open and
/// its state as it was). Thrown by validation so that nothing is changed half-way.
/// </summary>
internal sealed class RealtimeRequestException : Exception
{
    public RealtimeRequestException(string code, string message, string? param = null, string type = RealtimeErrors.InvalidRequestError)
        : base(message)
    {
        Code = code;
        Param = param;
        ErrorType = type;
    }

    public string Code { get; }

    public string? Param { get; }

    public string ErrorType { get; }
}
