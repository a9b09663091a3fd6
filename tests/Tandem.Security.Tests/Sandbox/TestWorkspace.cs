using Tandem.Security.Sandbox;

namespace Tandem.Security.Tests.Sandbox;

/// <summary>A throwaway directory holding a workspace and, beside it, an "outside" directory the sandbox must not reach.</summary>
internal sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Base = Directory.CreateTempSubdirectory("tandem-sbx-test-").FullName;
        Root = Directory.CreateDirectory(Path.Combine(Base, "ws")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Base, "outside")).FullName;
    }

    public string Base { get; }

    public string Root { get; }

    public string Outside { get; }

    public SandboxOptions Options(IsolationMode isolation, SandboxLimits? limits = null) =>
        new() { WorkspaceRoot = Root, Isolation = isolation, Limits = limits ?? new SandboxLimits() };

    /// <summary>Creates the sandbox, skipping the test (with the probe's reason) when bubblewrap is asked for and does not work here.</summary>
    public static ISandbox CreateOrSkip(SandboxOptions options)
    {
        if (options.Isolation == IsolationMode.Bubblewrap && !Sandboxes.Capabilities.BubblewrapWorks)
        {
            Assert.Skip("bubblewrap " + Sandboxes.Capabilities.BubblewrapStatus);
        }

        return Sandboxes.Create(options);
    }

    public static string UniqueSleep() => "3600." + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
