namespace Tandem.Security.Tests.Secrets;

/// <summary>Writes secrets files the way an operator would (mode 600 unless told otherwise).</summary>
public static class SecretFiles
{
    public static string Write(string path, string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    /// <summary>A value unique to one test, shaped like no known credential, so only value-based redaction can catch it.</summary>
    public static string Canary(string label) => $"canary-{label}-{Guid.NewGuid():N}";
}
