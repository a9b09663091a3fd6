using System.Diagnostics;
using System.Text;
using Tandem.TestSupport;

namespace Tandem.Cli.Tests.Support;

/// <summary>Runs the built <c>tandem</c> command as a user would: a real subprocess from the repository root.</summary>
internal static class TandemProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "tandem.dll");

    /// <summary>Runs <c>tandem ARGS</c> to its end: exit code, standard output and standard error (newlines as \n).</summary>
    public static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs <c>tandem ARGS</c> with environment changes (a <see langword="null"/> value removes the variable).</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = Fixtures.Root,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start tandem");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }

    /// <summary>Like <see cref="RunAsync"/>, with both streams in one string.</summary>
    public static async Task<(int Code, string Output)> RunCombinedAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);
        return (exit, stdout + stderr);
    }
}
