namespace Tandem.Responses.Protocol;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
public sealed class ModelList
{
    public string Object { get; set; } = "list";

    public List<ModelInfo> Data { get; set; } = [];
}
