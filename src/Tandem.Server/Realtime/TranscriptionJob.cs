namespace Tandem.Server.Realtime;

/// <summary>One committed user item waiting for its input transcription, with the model chosen at commit time.</summary>
internal sealed record TranscriptionJob(ConversationEntry Entry, string Model, bool Logprobs);
