namespace Tandem.Skills.Execution;

/// <summary>How a run of a skill script ended, as the contract sees it.</summary>
internal enum ScriptRunKind
{
    /// <summary>Exit 0 with one JSON object that matches the output schema.</summary>
    Output,

    /// <summary>Exit 1 with a well-formed <c>{"error": {"code", "message"}}</c>: the tool's own, expected failure.</summary>
    Error,

    /// <summary>Exit 0, but the output is not one JSON object or does not match the output schema (S4).</summary>
    InvalidOutput,

    /// <summary>Anything else: not started, timed out, killed, output cut, another exit status, a malformed error.</summary>
    Failed,
}
