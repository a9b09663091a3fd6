namespace Tandem.Voice.Fallbacks;

/// <summary>What the agent asks the caller for next, mildest first.</summary>
public enum CallerRequest
{
    /// <summary>"Sorry, could you say that again?" (a caller repeats more slowly and in groups).</summary>
    Repeat,

    /// <summary>"Let's take it in parts: the first three digits?" — one group per turn.</summary>
    InParts,

    /// <summary>"Please type it on your keypad." Only for values made of digits.</summary>
    Keypad,
}
