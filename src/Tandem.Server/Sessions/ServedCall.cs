namespace Tandem.Server.Sessions;

/// <summary>A function call of a <see cref="ServedResponse"/>: when its <c>output_item.done</c> is due by the schedule.</summary>
public sealed record ServedCall(string CallId, string Name, double DoneAtMs);
