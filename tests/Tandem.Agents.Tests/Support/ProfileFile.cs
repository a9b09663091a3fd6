namespace Tandem.Agents.Tests.Support;

/// <summary>A throwaway latency-profile file for the local server.</summary>
public sealed class ProfileFile : IDisposable
{
    public ProfileFile(string json)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tandem-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
