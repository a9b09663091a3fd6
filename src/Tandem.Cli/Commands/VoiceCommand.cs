using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem voice …</c>: the alphanumeric voice corpus and the A/B harness.</summary>
internal static partial class VoiceCommand
{
    public static Command Create() => new("voice", "Realtime voice: a synthetic alphanumeric corpus and an A/B harness for digit- and letter-heavy speech.")
    {
        CreateCorpus(),
        CreateAb(),
    };

    /// <summary>"a,b , c" → ["a","b","c"].</summary>
    internal static List<string> SplitList(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
