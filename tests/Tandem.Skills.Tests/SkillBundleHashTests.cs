using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Tandem.Skills.Tests.Support;

namespace Tandem.Skills.Tests;

public sealed class SkillBundleHashTests
{
    private static async Task<string> HashAsync(string root)
    {
        var options = new SkillsOptions();
        options.TrustedRoots.Add(root);
        var catalog = await new SkillLoader(options).LoadAsync(TestContext.Current.CancellationToken);
        return Assert.Single(catalog.Skills).BundleSha256;
    }

    private static string Build(TempSkills temp)
    {
        var skill = temp.AddSkill("alpha", under: "trusted");
        File.WriteAllText(Path.Combine(skill, "scripts.txt"), "one");
        Directory.CreateDirectory(Path.Combine(skill, "references"));
        File.WriteAllText(Path.Combine(skill, "references", "guide.md"), "guide");
        File.WriteAllText(Path.Combine(skill, ".hidden"), "hidden");
        return skill;
    }

    [Fact]
    public async Task BundleSha256_SameContent_IsStableAcrossLoadsAndFolders()
    {
        using var a = new TempSkills();
        using var b = new TempSkills();
        Build(a);
        Build(b);

        var first = await HashAsync(a.PathOf("trusted"));

        Assert.Equal(first, await HashAsync(a.PathOf("trusted")));
        Assert.Equal(first, await HashAsync(b.PathOf("trusted")));
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("add")]
    [InlineData("remove")]
    [InlineData("rename")]
    [InlineData("hidden")]
    [InlineData("skill-md")]
    public async Task BundleSha256_AnyFileChange_ChangesIt(string change)
    {
        using var temp = new TempSkills();
        var skill = Build(temp);
        var before = await HashAsync(temp.PathOf("trusted"));

        switch (change)
        {
            case "edit":
                File.WriteAllText(Path.Combine(skill, "references", "guide.md"), "guidE");
                break;
            case "add":
                File.WriteAllText(Path.Combine(skill, "references", "new.md"), string.Empty);
                break;
            case "remove":
                File.Delete(Path.Combine(skill, "scripts.txt"));
                break;
            case "rename":
                File.Move(Path.Combine(skill, "references", "guide.md"), Path.Combine(skill, "references", "guide2.md"));
                break;
            case "hidden":
                File.AppendAllText(Path.Combine(skill, ".hidden"), "!");
                break;
            default:
                File.AppendAllText(Path.Combine(skill, "SKILL.md"), "\nMore.\n");
                break;
        }

        Assert.NotEqual(before, await HashAsync(temp.PathOf("trusted")));
    }

    [Fact]
    public async Task BundleSha256_IsTheSha256OfTheSha256sumManifest()
    {
        using var temp = new TempSkills();
        var skill = Build(temp);
        var manifest = new StringBuilder();
        foreach (var relative in new[] { ".hidden", "SKILL.md", "references/guide.md", "scripts.txt" })
        {
            var content = File.ReadAllBytes(Path.Combine(skill, relative));
            manifest.Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append("  ").Append(relative).Append('\n');
        }

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));

        Assert.Equal(expected, await HashAsync(temp.PathOf("trusted")));
    }

    [Fact]
    public async Task BundleSha256_MatchesTheDocumentedShellRecipe()
    {
        using var temp = new TempSkills();
        var skill = Build(temp);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The recipe uses GNU find and sha256sum.");
        }

        var start = new ProcessStartInfo("sh", ["-c", "find -L . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum"])
        {
            WorkingDirectory = skill,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(output.Split(' ')[0], await HashAsync(temp.PathOf("trusted")));
    }
}
