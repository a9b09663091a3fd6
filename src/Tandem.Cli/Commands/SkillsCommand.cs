using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem skills validate [PATH]</c> and <c>tandem skills test [PATH]</c>. PATH is a folder of skills or one skill
/// folder; by default the nearest <c>skills/</c> folder in the working directory or above it. Exit codes: 0 all good,
/// 1 an error or a failed example, 2 bad arguments (no such folder, no skills in it, an unknown option).
/// </summary>
internal static partial class SkillsCommand
{
    public static Command Create() => new("skills", "Skills: validate SKILL.md files and contracts, run every contract example through the sandbox.")
    {
        CreateValidate(),
        CreateTest(),
    };

    private static Argument<string?> PathArgument() => new("PATH")
    {
        Description = "A folder of skills, or one skill folder. Default: the nearest skills/ folder in the working directory or above it.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>
    /// The folder to work on, or null after printing why not (exit 2). Unmatched tokens are the command's own check
    /// (TreatUnmatchedTokensAsErrors is off) so that they exit 2 like any other bad argument, not 1 like a failure.
    /// </summary>
    private static async Task<string?> ResolvePathAsync(string command, ParseResult parse, Argument<string?> argument)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            await Console.Error.WriteLineAsync($"tandem skills {command}: unexpected argument(s): {string.Join(' ', parse.UnmatchedTokens)}").ConfigureAwait(false);
            return null;
        }

        if (parse.GetValue(argument) is { } given)
        {
            if (Directory.Exists(given))
            {
                return Path.GetFullPath(given);
            }

            await Console.Error.WriteLineAsync($"tandem skills {command}: no such folder: {given}").ConfigureAwait(false);
            return null;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "skills");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        await Console.Error.WriteLineAsync($"tandem skills {command}: no skills/ folder in {Environment.CurrentDirectory} or above it; give PATH.").ConfigureAwait(false);
        return null;
    }

    /// <summary>A path as the user would type it: relative to the working directory when it is inside it.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
