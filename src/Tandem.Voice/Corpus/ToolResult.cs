namespace Tandem.Voice.Corpus;

/// <summary>What a finished tool process left behind.</summary>
internal sealed record ToolResult(int ExitCode, byte[] StandardOutput, string StandardError);
