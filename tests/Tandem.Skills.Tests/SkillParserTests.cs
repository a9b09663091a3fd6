namespace Tandem.Skills.Tests;

public sealed class SkillParserTests
{
    private const string File = "/skills/my-skill/SKILL.md";

    private static SkillParseResult Parse(string frontMatter, bool strict = true, string folder = "my-skill", string body = "# Steps\n\nDo it.\n") =>
        SkillParser.Parse($"---\n{frontMatter}---\n{body}", File, folder, strict);

    private static SkillDiagnostic Single(SkillParseResult result, string rule) =>
        Assert.Single(result.Diagnostics, d => d.Rule == rule);

    [Fact]
    public void Parse_MinimalSkill_GivesNameDescriptionAndBody()
    {
        var result = Parse("name: my-skill\ndescription: Does a thing. Use it when asked.\n");

        Assert.True(result.IsValid);
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal("my-skill", doc.Name);
        Assert.Equal("Does a thing. Use it when asked.", doc.Description);
        Assert.Equal("# Steps\n\nDo it.", doc.Body);
        Assert.Null(doc.AllowedTools);
        Assert.Null(doc.License);
        Assert.Empty(doc.Metadata);
    }

    [Fact]
    public void Parse_EveryOptionalField_IsRead()
    {
        var result = Parse("""
            name: my-skill
            description: Does a thing.
            license: Apache-2.0
            compatibility: Requires python3
            metadata:
              author: example-org
              version: "1.0"
            allowed-tools: search_files  file_ticket
            """ + "\n");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var doc = result.Document!;
        Assert.Equal("Apache-2.0", doc.License);
        Assert.Equal("Requires python3", doc.Compatibility);
        Assert.Equal(new Dictionary<string, string> { ["author"] = "example-org", ["version"] = "1.0" }, doc.Metadata);
        Assert.Equal(["search_files", "file_ticket"], doc.AllowedTools);
    }

    [Fact]
    public void Parse_AllowedToolsAsYamlList_IsRead()
    {
        var result = Parse("name: my-skill\ndescription: d\nallowed-tools:\n  - Bash(git:*)\n  - Read\n");

        Assert.Equal(["Bash(git:*)", "Read"], result.Document!.AllowedTools);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("pdf-processing")]
    [InlineData("data-analysis-2")]
    [InlineData("x1-y2-z3")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void Parse_ValidName_IsAccepted(string name)
    {
        var result = Parse($"name: \"{name}\"\ndescription: d\n", folder: name);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.True(SkillParser.IsValidName(name));
    }

    [Theory]
    [InlineData("PDF-Processing", SkillRules.NameCharacters, "lowercase")]
    [InlineData("pdf_processing", SkillRules.NameCharacters, "a-z, 0-9 and hyphens")]
    [InlineData("pdf processing", SkillRules.NameCharacters, "a-z, 0-9 and hyphens")]
    [InlineData("données", SkillRules.NameCharacters, "a-z, 0-9 and hyphens")]
    [InlineData("-pdf", SkillRules.NameHyphens, "start or end")]
    [InlineData("pdf-", SkillRules.NameHyphens, "start or end")]
    [InlineData("pdf--processing", SkillRules.NameHyphens, "consecutive")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", SkillRules.NameLength, "limit is 64")]
    [InlineData("", SkillRules.NameRequired, "must not be empty")]
    public void Parse_InvalidName_IsAnErrorNamingTheRuleAndLine(string name, string rule, string message)
    {
        var result = Parse($"name: \"{name}\"\ndescription: d\n", folder: name);

        Assert.False(result.IsValid);
        var diagnostic = Single(result, rule);
        Assert.True(diagnostic.IsError);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(File, diagnostic.File);
        Assert.Equal(2, diagnostic.Line);
        Assert.Equal(7, diagnostic.Column);
        Assert.False(SkillParser.IsValidName(name));
    }

    [Fact]
    public void Parse_NameDifferentFromFolder_IsAnError()
    {
        var result = Parse("name: pdf-tools\ndescription: d\n", folder: "pdf-processing");

        var diagnostic = Single(result, SkillRules.NameFolder);
        Assert.True(diagnostic.IsError);
        Assert.Contains("'pdf-processing'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Parse_NoFolderGiven_SkipsTheFolderRule()
    {
        var result = SkillParser.Parse("---\nname: anything\ndescription: d\n---\nBody", File, folderName: null, strict: true);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parse_MissingNameAndDescription_AreBothReported()
    {
        var result = Parse("license: MIT\n");

        Assert.True(Single(result, SkillRules.NameRequired).IsError);
        Assert.True(Single(result, SkillRules.DescriptionRequired).IsError);
    }

    [Theory]
    [InlineData("description: \"\"\n")]
    [InlineData("description: \"   \"\n")]
    [InlineData("description:\n")]
    [InlineData("description: ~\n")]
    public void Parse_EmptyDescription_IsAnError(string line)
    {
        var result = Parse("name: my-skill\n" + line);

        Assert.True(Single(result, SkillRules.DescriptionRequired).IsError);
    }

    [Fact]
    public void Parse_DescriptionLength_1024IsAcceptedAnd1025Refused()
    {
        Assert.True(Parse($"name: my-skill\ndescription: {new string('d', 1024)}\n").IsValid);

        var result = Parse($"name: my-skill\ndescription: {new string('d', 1025)}\n");

        Assert.Contains("1025", Single(result, SkillRules.DescriptionLength).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DescriptionLength_CountsCharactersNotUtf16Units()
    {
        // 1024 emoji are 2048 UTF-16 code units but 1024 characters.
        var result = Parse($"name: my-skill\ndescription: {string.Concat(Enumerable.Repeat("😀", 1024))}\n");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    [InlineData(0, false)]
    public void Parse_CompatibilityLength_Is1To500(int length, bool valid)
    {
        var result = Parse($"name: my-skill\ndescription: d\ncompatibility: \"{new string('c', length)}\"\n");

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.True(Single(result, SkillRules.CompatibilityLength).IsError);
        }
    }

    [Fact]
    public void Parse_UnknownKeyInStrictMode_IsAnErrorWithItsLine()
    {
        var result = Parse("name: my-skill\ndescription: d\nversion: \"2\"\n", strict: true);

        var diagnostic = Single(result, SkillRules.UnknownKey);
        Assert.True(diagnostic.IsError);
        Assert.Contains("'version'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("metadata", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(4, diagnostic.Line);
        Assert.Equal(1, diagnostic.Column);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_UnknownKeyInLenientMode_IsAWarningAndTheSkillLoads()
    {
        var result = Parse("name: my-skill\ndescription: d\nversion: \"2\"\n", strict: false);

        var diagnostic = Single(result, SkillRules.UnknownKey);
        Assert.Equal(SkillDiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parse_UnquotedNumberInMetadata_IsAnErrorInStrictAndAWarningInLenientMode()
    {
        const string FrontMatter = "name: my-skill\ndescription: d\nmetadata:\n  version: 1.0\n";

        var strict = Parse(FrontMatter, strict: true);
        var lenient = Parse(FrontMatter, strict: false);

        var error = Single(strict, SkillRules.ValueType);
        Assert.True(error.IsError);
        Assert.Contains("number", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
        Assert.Equal(SkillDiagnosticSeverity.Warning, Single(lenient, SkillRules.ValueType).Severity);
        Assert.Equal("1.0", lenient.Document!.Metadata["version"]);
    }

    [Fact]
    public void Parse_NestedMetadata_IsAnErrorInStrictModeAndDroppedInLenientMode()
    {
        const string FrontMatter = "name: my-skill\ndescription: d\nmetadata:\n  author: me\n  hermes:\n    tags: [a]\n";

        Assert.True(Single(Parse(FrontMatter, strict: true), SkillRules.MetadataType).IsError);
        var lenient = Parse(FrontMatter, strict: false);
        Assert.True(lenient.IsValid);
        Assert.Equal(new Dictionary<string, string> { ["author"] = "me" }, lenient.Document!.Metadata);
    }

    [Theory]
    [InlineData("license:\n")]
    [InlineData("license:\n  - MIT\n")]
    public void Parse_LicenseNotAString_IsAnErrorInStrictAndIgnoredInLenientMode(string line)
    {
        var strict = Parse("name: my-skill\ndescription: d\n" + line, strict: true);
        var lenient = Parse("name: my-skill\ndescription: d\n" + line, strict: false);

        Assert.True(Single(strict, SkillRules.LicenseType).IsError);
        Assert.True(lenient.IsValid);
        Assert.Null(lenient.Document!.License);
    }

    [Fact]
    public void Parse_AllowedToolsAsMapping_IsAnErrorEvenInLenientMode()
    {
        var result = Parse("name: my-skill\ndescription: d\nallowed-tools:\n  shell: yes\n", strict: false);

        Assert.True(Single(result, SkillRules.AllowedToolsType).IsError);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_BadYaml_IsAnErrorWithTheFileLine()
    {
        var result = Parse("name: my-skill\n  bad: indentation\ndescription: d\n");

        var diagnostic = Single(result, SkillRules.Yaml);
        Assert.True(diagnostic.IsError);
        Assert.Equal(3, diagnostic.Line);
        Assert.NotNull(diagnostic.Column);
        Assert.StartsWith($"{File}:3:", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAYamlError()
    {
        var result = Parse("name: my-skill\nname: other\ndescription: d\n");

        Assert.True(Single(result, SkillRules.Yaml).IsError);
    }

    [Fact]
    public void Parse_FrontMatterNotAMapping_IsAYamlError()
    {
        var result = Parse("- name\n- description\n");

        Assert.True(Single(result, SkillRules.Yaml).IsError);
    }

    [Theory]
    [InlineData("# No front matter\n")]
    [InlineData("\n---\nname: my-skill\ndescription: d\n---\n")]
    [InlineData("---\nname: my-skill\ndescription: d\n")]
    public void Parse_MissingOrUnclosedFrontMatter_IsAnErrorAtLineOne(string text)
    {
        var result = SkillParser.Parse(text, File, "my-skill", strict: false);

        var diagnostic = Single(result, SkillRules.FrontMatter);
        Assert.Equal(1, diagnostic.Line);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCrLf_AreAccepted()
    {
        var result = SkillParser.Parse("\uFEFF---\r\nname: my-skill\r\ndescription: d\r\n---\r\nBody line\r\n", File, "my-skill", strict: true);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal("Body line", result.Document!.Body);
    }

    [Fact]
    public void Parse_EmptyBody_IsAWarningOnly()
    {
        var result = Parse("name: my-skill\ndescription: d\n", body: "\n");

        Assert.True(result.IsValid);
        Assert.Equal(SkillDiagnosticSeverity.Warning, Single(result, SkillRules.BodySize).Severity);
    }

    [Fact]
    public void Parse_BodyOver500Lines_IsAWarningOnly()
    {
        var result = Parse("name: my-skill\ndescription: d\n", body: string.Concat(Enumerable.Repeat("line\n", 501)));

        Assert.True(result.IsValid);
        Assert.Contains("501 lines", Single(result, SkillRules.BodySize).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Diagnostic_ReadsLikeACompilerMessage()
    {
        var diagnostic = new SkillDiagnostic(SkillDiagnosticSeverity.Error, SkillRules.NameFolder, "bad", "/a/SKILL.md", 2, 7);

        Assert.Equal("/a/SKILL.md:2:7: error name-folder: bad", diagnostic.ToString());
    }
}
