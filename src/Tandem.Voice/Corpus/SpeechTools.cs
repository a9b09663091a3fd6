using System.Text;
using System.Text.RegularExpressions;

namespace Tandem.Voice.Corpus;

/// <summary>
/// Which of espeak-ng, flite and sox are installed, their versions and voices. Tests use
/// <see cref="MissingReason"/> to skip on machines without them.
/// </summary>
public sealed partial class SpeechTools
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(20);
    private static Task<SpeechTools>? s_cached;

    internal SpeechTools(IReadOnlyList<SpeechToolInfo> tools, IReadOnlyList<string> fliteVoices, IReadOnlyList<string> espeakVoices)
    {
        Tools = tools;
        FliteVoices = fliteVoices;
        EspeakVoices = espeakVoices;
    }

    /// <summary>One entry per <see cref="SpeechTool"/>, in enum order.</summary>
    public IReadOnlyList<SpeechToolInfo> Tools { get; }

    /// <summary>The voices <c>flite -lv</c> lists (empty when flite is missing).</summary>
    public IReadOnlyList<string> FliteVoices { get; }

    /// <summary>The English voice names <c>espeak-ng --voices=en</c> lists: languages (<c>en-us</c>), files and names.</summary>
    public IReadOnlyList<string> EspeakVoices { get; }

    /// <summary>The entry for <paramref name="tool"/>.</summary>
    public SpeechToolInfo this[SpeechTool tool] => Tools[(int)tool];

    /// <summary>
    /// Probes the tools once per process and reuses the answer (installing a tool mid-run is not a case worth a
    /// re-probe); <paramref name="cancellationToken"/> only stops this caller's wait.
    /// </summary>
    public static Task<SpeechTools> ProbeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cached = Volatile.Read(ref s_cached);
        if (cached is null || cached.IsFaulted)
        {
            // Racing callers may both probe; the first to publish wins and the other's result is dropped.
            var fresh = ProbeNowAsync(CancellationToken.None);
            var published = Interlocked.CompareExchange(ref s_cached, fresh, cached);
            cached = ReferenceEquals(published, cached) ? fresh : published!;
        }

        return cached.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// <see langword="null"/> when every tool in <paramref name="tools"/> is usable; otherwise a sentence such as
    /// <c>"sox is not installed: no 'sox' on PATH"</c> for the first one that is not.
    /// </summary>
    public string? MissingReason(params ReadOnlySpan<SpeechTool> tools)
    {
        foreach (var tool in tools)
        {
            var info = this[tool];
            if (!info.IsAvailable)
            {
                return $"{info.Command} is not installed: {info.Problem}";
            }
        }

        return null;
    }

    /// <summary>The command name of a tool on <c>PATH</c>.</summary>
    public static string CommandName(SpeechTool tool) => tool switch
    {
        SpeechTool.EspeakNg => "espeak-ng",
        SpeechTool.Flite => "flite",
        SpeechTool.Sox => "sox",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, "Unknown speech tool."),
    };

    /// <summary>Whether <paramref name="voice"/> is one this machine's engine knows (the part before a <c>+variant</c>).</summary>
    public bool HasVoice(CorpusVoice voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (voice.Engine == SpeechEngine.Flite)
        {
            return FliteVoices.Contains(voice.Name, StringComparer.Ordinal);
        }

        var name = voice.Name.Split('+')[0];
        return EspeakVoices.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<SpeechTools> ProbeNowAsync(CancellationToken cancellationToken)
    {
        var tools = new List<SpeechToolInfo>();
        foreach (var tool in Enum.GetValues<SpeechTool>())
        {
            tools.Add(await ProbeToolAsync(tool, cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<string> flite = [];
        if (tools[(int)SpeechTool.Flite].IsAvailable)
        {
            var output = await QueryAsync(tools[(int)SpeechTool.Flite].Path!, ["-lv"], cancellationToken).ConfigureAwait(false);
            flite = ParseFliteVoices(output);
        }

        IReadOnlyList<string> espeak = [];
        if (tools[(int)SpeechTool.EspeakNg].IsAvailable)
        {
            var output = await QueryAsync(tools[(int)SpeechTool.EspeakNg].Path!, ["--voices=en"], cancellationToken).ConfigureAwait(false);
            espeak = ParseEspeakVoices(output);
        }

        return new SpeechTools(tools, flite, espeak);
    }

    private static async Task<SpeechToolInfo> ProbeToolAsync(SpeechTool tool, CancellationToken cancellationToken)
    {
        var command = CommandName(tool);
        var path = FindOnPath(command);
        if (path is null)
        {
            return new SpeechToolInfo(tool, command, null, null, $"no '{command}' on PATH");
        }

        string output;
        try
        {
            output = await QueryAsync(path, ["--version"], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return new SpeechToolInfo(tool, command, path, null, $"'{command} --version' failed: {ex.Message}");
        }

        return new SpeechToolInfo(tool, command, path, ParseVersion(tool, output), null);
    }

    private static async Task<string> QueryAsync(string path, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(path, arguments, null, s_probeTimeout, cancellationToken).ConfigureAwait(false);

        // flite prints its version and voice list to stdout; some builds answer on stderr. Either will do.
        return Encoding.UTF8.GetString(result.StandardOutput) + "\n" + result.StandardError;
    }

    internal static string ParseVersion(SpeechTool tool, string output)
    {
        var match = tool switch
        {
            SpeechTool.EspeakNg => EspeakVersion().Match(output),
            SpeechTool.Flite => FliteVersion().Match(output),
            _ => SoxVersion().Match(output),
        };
        return match.Success ? match.Groups[1].Value : output.Trim().Split('\n')[0].Trim();
    }

    internal static IReadOnlyList<string> ParseFliteVoices(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.Contains("Voices available:", StringComparison.Ordinal));
        return line is null
            ? []
            : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    internal static IReadOnlyList<string> ParseEspeakVoices(string output)
    {
        // Columns: Pty Language Age/Gender VoiceName File Other; a voice is selectable by language, name or file.
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n').Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length >= 5)
            {
                names.Add(columns[1]);
                names.Add(columns[3]);
                names.Add(columns[4]);
            }
        }

        return [.. names];
    }

    private static string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", string.Empty } : [string.Empty];
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, command + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    [GeneratedRegex(@"text-to-speech:\s*([0-9][^\s]*)")]
    private static partial Regex EspeakVersion();

    [GeneratedRegex(@"version:\s*flite-([^\s]+)")]
    private static partial Regex FliteVersion();

    [GeneratedRegex(@"SoX v([^\s]+)")]
    private static partial Regex SoxVersion();
}
