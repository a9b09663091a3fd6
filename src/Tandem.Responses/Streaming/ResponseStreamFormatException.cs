namespace Tandem.Responses;

/// <summary>
/// A recorded or received event stream that cannot be read as Responses events. The message starts
/// with <c>line N:</c> so a person can go straight to the offending line of the file.
/// </summary>
public sealed class ResponseStreamFormatException : FormatException
{
    public ResponseStreamFormatException(int lineNumber, string problem, Exception? inner = null)
        : base($"line {lineNumber}: {problem}", inner)
    {
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The 1-based line of the input where the problem is.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the line prefix.</summary>
    public string Problem { get; }
}
