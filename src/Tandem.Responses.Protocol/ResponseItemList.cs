using System.Text.Json.Serialization;

namespace Tandem.Responses.Protocol;

/// <summary>A page of <c>GET /v1/responses/{id}/input_items</c>.</summary>
public sealed class ResponseItemList
{
    public string Object { get; set; } = "list";

    public List<ResponseItem> Data { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FirstId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LastId { get; set; }

    public bool HasMore { get; set; }
}
