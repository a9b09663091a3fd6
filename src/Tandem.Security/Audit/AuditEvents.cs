namespace Tandem.Security.Audit;

/// <summary>The event names Tandem writes. Other components may add their own lower-case names.</summary>
public static class AuditEvents
{
    public const string RunStarted = "run_started";
    public const string RunFinished = "run_finished";
    public const string ModelRequest = "model_request";
    public const string ModelResponse = "model_response";
    public const string ToolCall = "tool_call";
    public const string Approval = "approval";
    public const string PolicyDecision = "policy_decision";
    public const string KeyFailover = "key_failover";

    /// <summary>Written by <see cref="AuditWriter"/> when it closes: a log that ends in any other record was not closed, or was cut.</summary>
    public const string Seal = "seal";
}
