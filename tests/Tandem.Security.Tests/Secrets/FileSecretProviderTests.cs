using Tandem.Security.Secrets;
using Tandem.Security.Tests.Audit;

namespace Tandem.Security.Tests.Secrets;

public sealed class FileSecretProviderTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Constructor_WellFormedFile_LoadsEveryValue()
    {
        var path = SecretFiles.Write(_directory.File("secrets"), """
            # keys for the local server
            OPENAI_API_KEY=sk-test-0123456789abcdefghij
            export SECOND_KEY = "value with spaces"
            THIRD='single quoted'

            EMPTY=
            URL=https://example.com/?a=b
            """);

        var provider = new FileSecretProvider(path);

        Assert.Equal(["OPENAI_API_KEY", "SECOND_KEY", "THIRD", "URL"], provider.Names.Order(StringComparer.Ordinal));
        Assert.True(provider.TryGet("SECOND_KEY", out var second));
        Assert.Equal("value with spaces", second);
        Assert.True(provider.TryGet("URL", out var url));
        Assert.Equal("https://example.com/?a=b", url);
        Assert.False(provider.TryGet("EMPTY", out _));
        Assert.Equal("OPENAI_API_KEY=... in the secrets file " + path, provider.Describe("OPENAI_API_KEY"));
    }

    [Fact]
    public void Constructor_FileInsideAGitWorkTree_IsRefused()
    {
        var repository = Path.Combine(_directory.Path, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var secret = SecretFiles.Canary("repo");
        var path = SecretFiles.Write(Path.Combine(repository, "config", "secrets.env"), "KEY=" + secret);

        var error = Assert.Throws<SecretFileException>(() => new FileSecretProvider(path));

        Assert.Contains("inside the git work tree " + repository, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Constructor_FileInsideAGitWorktreeCheckout_IsRefused()
    {
        // Linked worktrees and submodules have a .git file, not a directory.
        var repository = Path.Combine(_directory.Path, "worktree");
        Directory.CreateDirectory(repository);
        File.WriteAllText(Path.Combine(repository, ".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
        var path = SecretFiles.Write(Path.Combine(repository, "secrets"), "KEY=value1234");

        Assert.Throws<SecretFileException>(() => new FileSecretProvider(path));
    }

    [Fact]
    public void Constructor_SymlinkOutsidePointingIntoAWorkTree_IsRefused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var repository = Path.Combine(_directory.Path, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var target = SecretFiles.Write(Path.Combine(repository, "secrets"), "KEY=value1234");
        var link = Path.Combine(_directory.Path, "outside", "secrets");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<SecretFileException>(() => new FileSecretProvider(link));

        Assert.Contains("git work tree", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "402")]
    public void Constructor_FileAccessibleByOthers_IsRefused(UnixFileMode mode, string octal)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions");
        var secret = SecretFiles.Canary("mode");
        var path = SecretFiles.Write(_directory.File("secrets"), "KEY=" + secret, mode);

        var error = Assert.Throws<SecretFileException>(() => new FileSecretProvider(path));

        Assert.Contains($"accessible by group or others (mode {octal})", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600 " + path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingFile_NamesIt()
    {
        var path = _directory.File("nope");

        var error = Assert.Throws<SecretFileException>(() => new FileSecretProvider(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedLine_NamesTheLineNotItsContent()
    {
        var secret = SecretFiles.Canary("malformed");
        var path = SecretFiles.Write(_directory.File("secrets"), "GOOD=value1234\n" + secret + "\n");

        var error = Assert.Throws<SecretFileException>(() => new FileSecretProvider(path));

        Assert.Contains("Line 2 of the secrets file " + path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateName_IsRefused()
    {
        var path = SecretFiles.Write(_directory.File("secrets"), "KEY=value1234\nKEY=value5678\n");

        var error = Assert.Throws<SecretFileException>(() => new FileSecretProvider(path));

        Assert.Contains("KEY is defined twice", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value", error.Message.Replace("NAME=value", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
