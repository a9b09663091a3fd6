namespace Tandem.Bench.Reports;

/// <summary>One chart the bench writes: what it shows, for which scenario (none for overall charts), its file name and title.</summary>
internal sealed record PlannedChart(ChartKind Kind, string? Scenario, string FileName, string Title);
