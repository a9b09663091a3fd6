using System.Text;
using Tandem.Skills.Contracts;

namespace Tandem.Skills;

/// <summary>Reads one skill folder: trust check, bundle hash, <c>SKILL.md</c>, contracts. Shared by the loader and the validator.</summary>
internal static class SkillReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Whether <paramref name="directory"/> is a skill at all (it has a <c>SKILL.md</c>), and the skill
    /// when it is one and has no error. Its diagnostics go to <paramref name="diagnostics"/>.
    /// </summary>
    /// <param name="directory">The folder as found (its name is what <c>name</c> must equal).</param>
    /// <param name="trustRoot">The real path of the trusted root nothing may leave.</param>
    /// <param name="configuredRoot">The root as configured, recorded on the skill.</param>
    public static async Task<(bool Found, Skill? Skill)> ReadAsync(
        string directory,
        string trustRoot,
        string configuredRoot,
        bool strict,
        SkillsOptions options,
        List<SkillDiagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCoreAsync(directory, trustRoot, configuredRoot, strict, options, diagnostics, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // One unreadable skill must not stop the others from loading.
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.Bundle, $"The skill could not be read: {ex.Message}", directory));
            return (true, null);
        }
    }

    private static async Task<(bool Found, Skill? Skill)> ReadCoreAsync(
        string directory,
        string trustRoot,
        string configuredRoot,
        bool strict,
        SkillsOptions options,
        List<SkillDiagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        string real;
        try
        {
            real = TrustedPaths.RealPath(directory);
        }
        catch (IOException ex)
        {
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.SymbolicLink, ex.Message, directory));
            return (true, null);
        }

        if (!Directory.Exists(real))
        {
            return (false, null);
        }

        var skillFile = Directory.EnumerateFileSystemEntries(real).Select(Path.GetFileName).FirstOrDefault(n => string.Equals(n, SkillParser.FileName, StringComparison.OrdinalIgnoreCase));
        if (skillFile is null)
        {
            return (false, null);
        }

        if (!TrustedPaths.IsUnder(real, trustRoot))
        {
            diagnostics.Add(new SkillDiagnostic(
                SkillDiagnosticSeverity.Error, SkillRules.SymbolicLink, $"The folder is a link to '{real}', outside the trusted root '{trustRoot}'; the skill is refused.", directory));
            return (true, null);
        }

        if (skillFile != SkillParser.FileName)
        {
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.SkillFile, $"Found '{skillFile}': the file must be named exactly '{SkillParser.FileName}'.", Path.Combine(directory, skillFile)));
            return (true, null);
        }

        var bundle = await SkillBundleReader.ReadAsync(
            real, trustRoot, options, p => p == SkillParser.FileName || SkillContractLoader.IsContractFile(p), diagnostics, cancellationToken).ConfigureAwait(false);
        if (bundle is null)
        {
            return (true, null);
        }

        var file = Path.Combine(directory, SkillParser.FileName);
        var bytes = bundle.Contents[SkillParser.FileName];
        if (bytes.Length > options.MaxSkillFileBytes)
        {
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.Encoding, $"SKILL.md is {bytes.Length} bytes; the limit is {options.MaxSkillFileBytes}.", file));
            return (true, null);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.Encoding, "SKILL.md is not valid UTF-8 text.", file));
            return (true, null);
        }

        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var parsed = SkillParser.Parse(text, file, folderName, strict);
        diagnostics.AddRange(parsed.Diagnostics);
        var contracts = SkillContractLoader.Load(directory, bundle, strict, diagnostics);
        return parsed.Document is null
            ? (true, null)
            : (true, new Skill(parsed.Document, directory, configuredRoot, bundle, contracts, diagnostics.ToList()));
    }
}
