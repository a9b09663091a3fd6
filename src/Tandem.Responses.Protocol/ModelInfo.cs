namespace Tandem.Responses.Protocol;

/// <summary>An entry of <c>GET /v1/models</c>.</summary>
public sealed class ModelInfo
{
    public string Id { get; set; } = string.Empty;

    public string Object { get; set; } = "model";

    public long Created { get; set; }

    public string OwnedBy { get; set; } = "tandem";
}
