namespace Tandem.Responses.Protocol;

/// <summary>The <c>type</c> values of the items Tandem models.</summary>
public static class ItemTypes
{
    public const string Message = "message";
    public const string FunctionCall = "function_call";
    public const string FunctionCallOutput = "function_call_output";
    public const string Reasoning = "reasoning";
    public const string Compaction = "compaction";
}
