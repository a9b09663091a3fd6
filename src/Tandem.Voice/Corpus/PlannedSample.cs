namespace Tandem.Voice.Corpus;

/// <summary>A sample before synthesis, with the seed material its audio needs.</summary>
internal sealed record PlannedSample(int Order, CorpusSample Sample);
