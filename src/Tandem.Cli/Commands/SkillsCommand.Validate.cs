using System.CommandLine;
using System.Globalization;
using Tandem.Skills;

namespace Tandem.Cli.Commands;

internal static partial class SkillsCommand
{
    private static Command CreateValidate()
    {
        var path = PathArgument();
        var lenient = new Option<bool>("--lenient") { Description = "Check only what loading checks: what the format does not define is a warning, not an error." };
        var command = new Command("validate", "Check skills against the Agent Skills format and their contracts (strict unless --lenient); print every diagnostic as file:line:col: severity rule: message.")
        {
            path, lenient,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await ResolvePathAsync("validate", parse, path).ConfigureAwait(false) is not { } folder)
            {
                return 2;
            }

            var strict = !parse.GetValue(lenient);
            var results = await SkillValidator.ValidateAllAsync(folder, strict, cancellationToken).ConfigureAwait(false);
            if (results.Count == 0)
            {
                await Console.Error.WriteLineAsync($"tandem skills validate: no skills (folders with a SKILL.md) in {Display(folder)}").ConfigureAwait(false);
                return 2;
            }

            int errors = 0, warnings = 0;
            foreach (var result in results)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    Console.WriteLine((diagnostic.File is { } file ? diagnostic with { File = Display(file) } : diagnostic).ToString());
                    _ = diagnostic.IsError ? errors++ : warnings++;
                }
            }

            foreach (var result in results)
            {
                Console.WriteLine(result.IsValid
                    ? $"{result.FolderName}: valid, bundle sha256 {result.BundleSha256}"
                    : $"{result.FolderName}: invalid ({result.Diagnostics.Count(d => d.IsError)} error(s))");
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{results.Count} skill(s) in {Display(folder)} ({(strict ? "strict" : "lenient")}): {errors} error(s), {warnings} warning(s)."));
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
