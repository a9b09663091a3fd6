namespace Tandem.Agents.Durability;

/// <summary>
/// How enums are spelled in the tables: as fixed words rather than numbers, so a row reads the same to
/// an operator with <c>psql</c>/<c>sqlite3</c> and a reordered enum can never change what a stored row means.
/// </summary>
internal static class DurabilityColumns
{
    public const string Running = "running";
    public const string Completed = "completed";

    public static IdempotencyStatus ParseStatus(string value) => value switch
    {
        Running => IdempotencyStatus.Running,
        Completed => IdempotencyStatus.Completed,
        _ => throw new InvalidDataException($"Unknown idempotency status '{value}' in the store."),
    };

    public static string KindName(JournalEntryKind kind) => kind switch
    {
        JournalEntryKind.RunStarted => "RunStarted",
        JournalEntryKind.InputItems => "InputItems",
        JournalEntryKind.ResponseStarted => "ResponseStarted",
        JournalEntryKind.ToolCallDispatched => "ToolCallDispatched",
        JournalEntryKind.TurnCompleted => "TurnCompleted",
        JournalEntryKind.ToolResult => "ToolResult",
        JournalEntryKind.RunFinished => "RunFinished",
        JournalEntryKind.ChainRestarted => "ChainRestarted",
        JournalEntryKind.ApprovalRequested => "ApprovalRequested",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown journal entry kind."),
    };

    public static JournalEntryKind ParseKind(string value) => value switch
    {
        "RunStarted" => JournalEntryKind.RunStarted,
        "InputItems" => JournalEntryKind.InputItems,
        "ResponseStarted" => JournalEntryKind.ResponseStarted,
        "ToolCallDispatched" => JournalEntryKind.ToolCallDispatched,
        "TurnCompleted" => JournalEntryKind.TurnCompleted,
        "ToolResult" => JournalEntryKind.ToolResult,
        "RunFinished" => JournalEntryKind.RunFinished,
        "ChainRestarted" => JournalEntryKind.ChainRestarted,
        "ApprovalRequested" => JournalEntryKind.ApprovalRequested,
        _ => throw new InvalidDataException($"Unknown journal entry kind '{value}' in the store."),
    };
}
