namespace Tandem.Security.Sandbox;

/// <summary>A command after every path in it was checked: absolute executable, final argv, confined working directory.</summary>
internal sealed record ResolvedCommand(string Executable, IReadOnlyList<string> Arguments, string WorkingDirectory);
