namespace Tandem.Responses.Protocol;

/// <summary>The body of a successful <c>DELETE /v1/responses/{id}</c>.</summary>
public sealed class ResponseDeleted
{
    public string Id { get; set; } = string.Empty;

    public string Object { get; set; } = "response.deleted";

    public bool Deleted { get; set; } = true;
}
