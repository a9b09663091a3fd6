namespace Tandem.Skills.Contracts;

/// <summary>
/// The error a tool reports instead of an output: a stable machine code (what examples match on) and a
/// human message. Scripts print it as <c>{"error": {"code": "...", "message": "..."}}</c> and exit with 1.
/// </summary>
public sealed record ContractError(string Code, string? Message);
