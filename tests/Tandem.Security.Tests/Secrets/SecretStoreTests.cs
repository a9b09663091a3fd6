using Tandem.Security.Secrets;
using Tandem.Security.Tests.Audit;

namespace Tandem.Security.Tests.Secrets;

/// <summary>S18: keys come from the environment or a secrets file; a missing one fails fast, naming the variable and never a value.</summary>
public sealed class SecretStoreTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly string _variable = "TANDEM_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _directory.Dispose();
    }

    [Fact]
    public void GetRequired_MissingKey_ThrowsNamingTheVariableAndTheFile()
    {
        var fileSecret = SecretFiles.Canary("file");
        var path = SecretFiles.Write(_directory.File("secrets"), "OTHER_KEY=" + fileSecret);
        var store = new SecretStore(new EnvironmentSecretProvider(), new FileSecretProvider(path));

        var error = Assert.Throws<MissingSecretException>(() => store.GetRequired(_variable));

        Assert.Equal([_variable], error.Names);
        Assert.Contains($"Required secret {_variable} is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable " + _variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fileSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetRequired_EmptyVariable_CountsAsMissing()
    {
        Environment.SetEnvironmentVariable(_variable, "");
        var store = new SecretStore(new EnvironmentSecretProvider(_variable));

        Assert.Throws<MissingSecretException>(() => store.GetRequired(_variable));
    }

    [Fact]
    public void Require_SeveralMissing_ListsThemAllAtOnce()
    {
        var store = new SecretStore(new EnvironmentSecretProvider());
        var second = _variable + "_B";

        var error = Assert.Throws<MissingSecretException>(() => store.Require(_variable, second));

        Assert.Equal([_variable, second], error.Names);
        Assert.Contains(second, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRequired_EnvironmentFirst_ThenFile()
    {
        var fromFile = SecretFiles.Canary("file");
        var fromEnvironment = SecretFiles.Canary("env");
        var path = SecretFiles.Write(_directory.File("secrets"), $"{_variable}={fromFile}");
        var store = new SecretStore(new EnvironmentSecretProvider(), new FileSecretProvider(path));
        Assert.Equal(fromFile, store.GetRequired(_variable));

        Environment.SetEnvironmentVariable(_variable, fromEnvironment);

        Assert.Equal(fromEnvironment, store.GetRequired(_variable));
    }

    [Fact]
    public void Constructor_ProvidersListedNames_AreKnownWithoutBeingAskedFor()
    {
        Environment.SetEnvironmentVariable(_variable, SecretFiles.Canary("env"));
        var path = SecretFiles.Write(_directory.File("secrets"), "FILE_KEY=" + SecretFiles.Canary("file"));

        var store = new SecretStore(new EnvironmentSecretProvider(_variable), new FileSecretProvider(path));

        Assert.Equal(new[] { "FILE_KEY", _variable }.Order(StringComparer.Ordinal), store.Names.Order(StringComparer.Ordinal));
    }
}
