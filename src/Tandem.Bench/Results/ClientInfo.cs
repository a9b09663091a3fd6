namespace Tandem.Bench.Results;

public sealed class ClientInfo
{
    public required string Name { get; set; }

    public required string Description { get; set; }

    /// <summary><c>websocket</c> or <c>http</c>.</summary>
    public required string Transport { get; set; }
}
