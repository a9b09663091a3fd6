using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>A <c>store:true</c> response as kept by an <see cref="IResponseStore"/>.</summary>
public sealed class StoredResponse
{
    public required string Id { get; init; }

    /// <summary>A hash of the API key that created it; other keys cannot see it.</summary>
    public required string Owner { get; init; }

    public required ResponseObject Response { get; init; }

    /// <summary>This response's own input items, normalised and with ids.</summary>
    public required IReadOnlyList<ResponseItem> Input { get; init; }

    /// <summary>Every streamed event as UTF-8 JSON, for <c>GET ?stream=true&amp;starting_after=N</c>.</summary>
    public required IReadOnlyList<byte[]> Events { get; init; }

    public string? PreviousResponseId => Response.PreviousResponseId;
}
