namespace Tandem.Bench.Clients;

/// <summary>The id and usage of a completed response.</summary>
internal readonly record struct RawCompletion(string ResponseId, int InputTokens, int CachedTokens, int OutputTokens);
