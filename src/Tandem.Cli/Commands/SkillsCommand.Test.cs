using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tandem.Security.Sandbox;
using Tandem.Skills.Testing;

namespace Tandem.Cli.Commands;

internal static partial class SkillsCommand
{
    private static Command CreateTest()
    {
        var path = PathArgument();
        var isolation = new Option<string>("--isolation")
        {
            Description = "auto (bubblewrap where it works, else a plain subprocess), bubblewrap (fail where it does not work) or subprocess.",
            DefaultValueFactory = _ => "auto",
        };
        var command = new Command("test", "Run every contract example through the sandbox: input, output or error, and no second side effect for a repeated idempotency key.")
        {
            path, isolation,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await ResolvePathAsync("test", parse, path).ConfigureAwait(false) is not { } folder)
            {
                return 2;
            }

            IsolationMode mode;
            switch (parse.GetValue(isolation))
            {
                case "auto": mode = IsolationMode.Auto; break;
                case "bubblewrap": mode = IsolationMode.Bubblewrap; break;
                case "subprocess": mode = IsolationMode.Subprocess; break;
                default:
                    await Console.Error.WriteLineAsync($"tandem skills test: --isolation must be auto, bubblewrap or subprocess, not '{parse.GetValue(isolation)}'.").ConfigureAwait(false);
                    return 2;
            }

            SkillContractReport report;
            try
            {
                report = await new SkillContractRunner(new SkillContractRunnerOptions { Isolation = mode }).RunAsync(folder, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformNotSupportedException ex)
            {
                await Console.Error.WriteLineAsync($"tandem skills test: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            if (report.SkillCount == 0)
            {
                await Console.Error.WriteLineAsync($"tandem skills test: no skills (folders with a SKILL.md) in {Display(folder)}").ConfigureAwait(false);
                return 2;
            }

            Write(report, Display(folder));
            return report.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static void Write(SkillContractReport report, string folder)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200; // a log file has no width; keep rows on as few lines as possible
        }

        var table = new Table().Title($"tandem skills test {Markup.Escape(folder)}").AddColumns("skill", "tool", "example", "result", "detail");
        foreach (var column in table.Columns.Take(4))
        {
            column.NoWrap();
        }

        foreach (var r in report.Results)
        {
            table.AddRow(
                Markup.Escape(r.Skill),
                Markup.Escape(r.Tool ?? "—"),
                Markup.Escape(r.Example ?? "—"),
                r.Outcome switch
                {
                    ContractExampleOutcome.Passed => "[green]pass[/]",
                    ContractExampleOutcome.Failed => "[red]FAIL[/]",
                    _ => "[yellow]skip[/]",
                },
                Markup.Escape(r.Message));
        }

        AnsiConsole.Write(table);

        // The failures again, one plain line each: the table wraps long details, a log search should not have to.
        foreach (var r in report.Results.Where(r => r.Failed))
        {
            Console.WriteLine($"FAIL {r.Skill}/{r.Tool ?? "-"}/{r.Example ?? "-"}: {r.Message}");
        }

        Console.WriteLine(report.Isolation is { } mode
            ? $"sandbox: {(mode == IsolationMode.Bubblewrap ? "bubblewrap" : "subprocess")}, a fresh workspace per example — {report.IsolationDescription}"
            : "sandbox: nothing ran");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.SkillCount} skill(s), {report.Results.Count} result(s): {report.PassedCount} passed, {report.FailedCount} failed, {report.SkippedCount} skipped."));
    }
}
