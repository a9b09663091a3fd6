using System.Reflection;
using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

public sealed class SandboxesTests : IDisposable
{
    private readonly TestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Describe_SaysWhichModeRunsAndWhy()
    {
        var capabilities = Sandboxes.Capabilities;
        var text = Sandboxes.Describe();

        TestContext.Current.SendDiagnosticMessage("Sandbox detection on this machine:\n" + text);
        Assert.Contains("isolation chosen by Auto: " + (capabilities.BubblewrapWorks ? "bubblewrap" : "subprocess"), text, StringComparison.Ordinal);
        Assert.Contains(capabilities.BubblewrapStatus, text, StringComparison.Ordinal);
        Assert.StartsWith(capabilities.BubblewrapWorks ? "works: " : "does not work: ", capabilities.BubblewrapStatus, StringComparison.Ordinal);
        Assert.Same(capabilities, Sandboxes.Capabilities);
    }

    [Fact]
    public async Task Create_Auto_PicksWhatTheProbeFoundAndTheResultSaysSo()
    {
        var sandbox = Sandboxes.Create(new SandboxOptions { WorkspaceRoot = _ws.Root });

        var result = await sandbox.RunAsync(new SandboxCommand("true"), TestContext.Current.CancellationToken);

        Assert.Equal(Sandboxes.Capabilities.AutoIsolation, sandbox.Isolation);
        Assert.Equal(sandbox.Isolation, result.Isolation);
        Assert.Equal(sandbox.Description, result.IsolationDescription);
        Assert.StartsWith(sandbox.Isolation == IsolationMode.Bubblewrap ? "bubblewrap (" : "subprocess (bubblewrap does not work", result.IsolationDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SubprocessRequested_ReportsWhatItCannotEnforce()
    {
        var sandbox = Sandboxes.Create(new SandboxOptions { WorkspaceRoot = _ws.Root, Isolation = IsolationMode.Subprocess });

        Assert.Equal(IsolationMode.Subprocess, sandbox.Isolation);
        Assert.Contains("requested by the options", sandbox.Description, StringComparison.Ordinal);
        Assert.Contains(sandbox.Diagnostics, d => d.StartsWith("network not isolated", StringComparison.Ordinal));
        Assert.Contains(sandbox.Diagnostics, d => d.StartsWith("filesystem not isolated", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_BubblewrapRequired_ThrowsWithTheReasonWhenItDoesNotWork()
    {
        var options = new SandboxOptions { WorkspaceRoot = _ws.Root, Isolation = IsolationMode.Bubblewrap };
        if (Sandboxes.Capabilities.BubblewrapWorks)
        {
            Assert.Equal(IsolationMode.Bubblewrap, Sandboxes.Create(options).Isolation);
            return;
        }

        var ex = Assert.Throws<PlatformNotSupportedException>(() => Sandboxes.Create(options));
        Assert.Contains(Sandboxes.Capabilities.BubblewrapStatus, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicApi_NoCommandLineString_OnlyExecutableAndArgv()
    {
        // S8: there is no way to hand the sandbox a string for a shell to split.
        var run = Assert.Single(typeof(ISandbox).GetMethods(), m => !m.IsSpecialName);
        Assert.Equal([typeof(SandboxCommand), typeof(CancellationToken)], run.GetParameters().Select(p => p.ParameterType));
        var constructor = Assert.Single(typeof(SandboxCommand).GetConstructors());
        Assert.Equal([typeof(string), typeof(IEnumerable<SandboxArgument>)], constructor.GetParameters().Select(p => p.ParameterType));
        var publicTypes = typeof(ISandbox).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(ISandbox).Namespace);
        Assert.DoesNotContain(
            publicTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)),
            m => m.ReturnType == typeof(Task<SandboxResult>) && m.GetParameters().Any(p => p.ParameterType == typeof(string)));
    }
}
