namespace Tandem.Agents.Durability;

public enum JournalEntryKind
{
    /// <summary>The run started: its options (model, instructions, tools) as JSON.</summary>
    RunStarted,

    /// <summary>Items sent to the model in a turn (user input or tool outputs).</summary>
    InputItems,

    /// <summary>The server accepted a turn: its response id (to fetch it on resume if the stream was cut).</summary>
    ResponseStarted,

    /// <summary>A function call is about to be dispatched: the call item, written before the tool can run.</summary>
    ToolCallDispatched,

    /// <summary>A turn completed: the response id and its output items.</summary>
    TurnCompleted,

    /// <summary>A tool call finished: call id and result.</summary>
    ToolResult,

    /// <summary>The run ended (or paused, awaiting an approval): status and final output.</summary>
    RunFinished,

    /// <summary>Client-side compaction: the chain restarts from a summary (the next turn's input).</summary>
    ChainRestarted,

    /// <summary>A call needs an approval: its call id and the approval's nonce (so a resumed run can use an approval given meanwhile).</summary>
    ApprovalRequested,
}
