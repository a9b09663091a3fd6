namespace Tandem.Agents.Tests;

/// <summary>
/// The test executable's entry point (replacing xunit's generated one) so that it can also be the
/// child process of the cross-process tests: a worker runs on the main thread and exits before the
/// test runner starts. A module initializer cannot do this — code of this assembly on other threads
/// would wait for the initializer forever.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        Support.ClaimWorkerProcess.RunIfWorker();
        Support.AgentWorkerProcess.RunIfWorker();

        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
        {
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        }

        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
