namespace Tandem.Voice.Realtime.Protocol;

/// <summary><c>input_token_details</c>, <c>output_token_details</c> and <c>cached_tokens_details</c>.</summary>
public sealed record RealtimeTokenDetails : RealtimeWireObject
{
    public int? TextTokens { get; set; }

    public int? AudioTokens { get; set; }

    public int? ImageTokens { get; set; }

    public int? CachedTokens { get; set; }

    public RealtimeTokenDetails? CachedTokensDetails { get; set; }
}
