using System.Text.Json.Serialization;

namespace Tandem.Security.Audit;

/// <summary>
/// The wire shape of a record, member order fixed: <c>prev</c> is last before <c>hash</c>, so the
/// hashed body is the line with its <c>hash</c> member cut off (see <see cref="AuditLineFormat"/>).
/// </summary>
internal sealed class AuditLine
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v"), JsonPropertyOrder(0)]
    public int Version { get; set; }

    [JsonPropertyName("seq"), JsonPropertyOrder(1)]
    public long Seq { get; set; }

    [JsonPropertyName("time"), JsonPropertyOrder(2)]
    public string Time { get; set; } = "";

    [JsonPropertyName("event"), JsonPropertyOrder(3)]
    public string Event { get; set; } = "";

    [JsonPropertyName("actor"), JsonPropertyOrder(4)]
    public string Actor { get; set; } = "";

    [JsonPropertyName("run_id"), JsonPropertyOrder(5)]
    public string? RunId { get; set; }

    [JsonPropertyName("turn"), JsonPropertyOrder(6)]
    public int? Turn { get; set; }

    [JsonPropertyName("call_id"), JsonPropertyOrder(7)]
    public string? CallId { get; set; }

    [JsonPropertyName("tool"), JsonPropertyOrder(8)]
    public string? Tool { get; set; }

    [JsonPropertyName("args_sha256"), JsonPropertyOrder(9)]
    public string? ArgsSha256 { get; set; }

    [JsonPropertyName("decision"), JsonPropertyOrder(10)]
    public string? Decision { get; set; }

    [JsonPropertyName("status"), JsonPropertyOrder(11)]
    public string? Status { get; set; }

    [JsonPropertyName("details"), JsonPropertyOrder(12)]
    public Dictionary<string, string>? Details { get; set; }

    [JsonPropertyName("prev"), JsonPropertyOrder(13)]
    public string Prev { get; set; } = "";

    [JsonPropertyName("hash"), JsonPropertyOrder(14)]
    public string? Hash { get; set; }
}
