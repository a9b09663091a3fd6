namespace Tandem.Skills;

/// <summary>
/// The rule names diagnostics carry, so a command, a test or a reader can tell findings apart without
/// parsing messages. Most come from the Agent Skills format (agentskills.io/specification); the
/// others are Tandem's own (trusted roots, bundle limits, typed contracts, allowed-tools policy).
/// </summary>
public static class SkillRules
{
    /// <summary>The skill folder has no <c>SKILL.md</c>, or the file has the wrong letter case.</summary>
    public const string SkillFile = "skill-file";

    /// <summary><c>SKILL.md</c> is not UTF-8 text or is larger than the configured limit.</summary>
    public const string Encoding = "encoding";

    /// <summary><c>SKILL.md</c> does not start with a <c>---</c> line or the front matter is not closed by one.</summary>
    public const string FrontMatter = "front-matter";

    /// <summary>The front matter is not valid YAML, or is not a mapping.</summary>
    public const string Yaml = "yaml";

    /// <summary>A key the format does not define (an error in strict mode, a warning in lenient mode).</summary>
    public const string UnknownKey = "unknown-key";

    /// <summary>
    /// A value of the wrong YAML type: an unquoted scalar that YAML reads as a number, boolean or null
    /// where the format wants a string, or a missing value (strict: error, lenient: warning).
    /// </summary>
    public const string ValueType = "value-type";

    public const string NameRequired = "name-required";

    /// <summary><c>name</c> is longer than 64 characters.</summary>
    public const string NameLength = "name-length";

    /// <summary><c>name</c> has a character other than <c>a-z</c>, <c>0-9</c> and <c>-</c>.</summary>
    public const string NameCharacters = "name-characters";

    /// <summary><c>name</c> starts or ends with a hyphen, or has two in a row.</summary>
    public const string NameHyphens = "name-hyphens";

    /// <summary><c>name</c> differs from the name of the folder that holds <c>SKILL.md</c>.</summary>
    public const string NameFolder = "name-folder";

    public const string DescriptionRequired = "description-required";

    /// <summary><c>description</c> is longer than 1024 characters.</summary>
    public const string DescriptionLength = "description-length";

    /// <summary><c>compatibility</c>, when present, is not 1–500 characters.</summary>
    public const string CompatibilityLength = "compatibility-length";

    /// <summary><c>license</c> is not a string.</summary>
    public const string LicenseType = "license-type";

    /// <summary><c>metadata</c> is not a map from strings to strings.</summary>
    public const string MetadataType = "metadata-type";

    /// <summary><c>allowed-tools</c> is neither a space-delimited string nor a list of strings.</summary>
    public const string AllowedToolsType = "allowed-tools-type";

    /// <summary>The Markdown body is empty or longer than the format recommends (500 lines, about 5000 tokens).</summary>
    public const string BodySize = "body-size";

    /// <summary>A trusted root is missing, or a path is outside every trusted root (checklist S7).</summary>
    public const string TrustedRoot = "trusted-root";

    /// <summary>A symbolic link leaves the trusted root, dangles, or loops.</summary>
    public const string SymbolicLink = "symlink";

    /// <summary>The bundle has more files or bytes than allowed, or a file name that cannot be hashed unambiguously.</summary>
    public const string Bundle = "bundle";

    /// <summary>Two skills with one name: the first trusted root wins.</summary>
    public const string DuplicateName = "duplicate-name";

    /// <summary>A contract schema is not valid JSON, not a valid JSON Schema, or (input) not strict.</summary>
    public const string ContractSchema = "contract-schema";

    /// <summary>A contract file is misplaced or misnamed, a tool name is invalid, or a tool is defined twice.</summary>
    public const string ContractLayout = "contract-layout";

    /// <summary>A contract has no script to run, or more than one.</summary>
    public const string ContractScript = "contract-script";

    /// <summary>A contract example is malformed, or its input, output or error does not match the contract.</summary>
    public const string ContractExample = "contract-example";

    /// <summary>A tool the skill asks for in <c>allowed-tools</c> is not granted (checklist S6).</summary>
    public const string AllowedToolsDenied = "allowed-tools-denied";
}
