namespace Tandem.Skills;

/// <summary>
/// What <c>tandem skills validate PATH</c> runs: every skill under a folder (or the one skill a folder
/// is), checked like loading checks it plus, in strict mode, everything the format does not define.
/// </summary>
public static class SkillValidator
{
    /// <summary>
    /// One result per skill folder under <paramref name="path"/> (a folder of skills, or a single skill
    /// folder), in folder-name order. Folders without a <c>SKILL.md</c> are not skills and are skipped.
    /// Links may not leave <paramref name="path"/> (a skills folder) or the skill's parent folder (a single skill).
    /// </summary>
    /// <param name="strict">Strict for validation (unknown keys and non-portable values are errors); lenient checks what loading checks.</param>
    public static async Task<IReadOnlyList<SkillValidationResult>> ValidateAllAsync(string path, bool strict, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!Directory.Exists(full))
        {
            return
            [
                new SkillValidationResult(full, null, [new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.SkillFile, "The folder does not exist.", full)]),
            ];
        }

        var single = Directory.EnumerateFileSystemEntries(full).Any(e => string.Equals(Path.GetFileName(e), SkillParser.FileName, StringComparison.OrdinalIgnoreCase));
        var root = single ? Path.GetDirectoryName(full) ?? full : full;
        string realRoot;
        List<string> folders;
        try
        {
            realRoot = TrustedPaths.RealPath(root);
            folders = single ? [full] : Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new SkillValidationResult(full, null, [new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.SkillFile, ex.Message, full)])];
        }

        var results = new List<SkillValidationResult>();
        var toolOwners = new Dictionary<string, string>(StringComparer.Ordinal) { [ActivateSkillTool.ToolName] = "Tandem" };
        foreach (var folder in folders)
        {
            var diagnostics = new List<SkillDiagnostic>();
            var (found, skill) = await SkillReader.ReadAsync(folder, realRoot, root, strict, new SkillsOptions(), diagnostics, cancellationToken).ConfigureAwait(false);
            if (!found)
            {
                continue;
            }

            // One deployment registers every skill's tools side by side: names must not clash.
            foreach (var contract in skill?.Contracts ?? [])
            {
                if (toolOwners.TryGetValue(contract.ToolName, out var owner))
                {
                    diagnostics.Add(new SkillDiagnostic(
                        SkillDiagnosticSeverity.Error, SkillRules.ContractLayout, $"The tool '{contract.ToolName}' is already defined by {owner}.", Path.Combine(folder, contract.InputSchemaFile)));
                }
                else
                {
                    toolOwners[contract.ToolName] = $"the skill '{skill!.Name}'";
                }
            }

            results.Add(new SkillValidationResult(folder, skill, diagnostics));
        }

        return results;
    }
}
