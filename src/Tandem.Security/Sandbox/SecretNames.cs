namespace Tandem.Security.Sandbox;

/// <summary>
/// Which environment variable names look like they hold a secret. Judged by the name alone, on purpose: a value cannot
/// be recognised reliably, and a false positive only costs an explicit rename.
/// </summary>
internal static class SecretNames
{
    // PASSWD beside PASSWORD: the S8 list (KEY/SECRET/TOKEN/PASSWORD/CREDENTIAL) plus its common spelling.
    private static readonly string[] s_words = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "CREDENTIAL"];

    /// <summary>The secret-looking word the name contains (case-insensitive), or null.</summary>
    public static string? Match(string name)
    {
        foreach (var word in s_words)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return word;
            }
        }

        return null;
    }
}
