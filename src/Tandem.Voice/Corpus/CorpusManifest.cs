using System.Text;
using System.Text.Json;

namespace Tandem.Voice.Corpus;

/// <summary>A corpus on disk: a JSON Lines file of <see cref="CorpusSample"/>s and the WAV files next to it.</summary>
public sealed class CorpusManifest
{
    /// <summary>The manifest's file name inside a corpus folder.</summary>
    public const string FileName = "manifest.jsonl";

    /// <summary>The folder holding the WAV files, relative to the manifest.</summary>
    public const string AudioFolder = "audio";

    internal CorpusManifest(string path, IReadOnlyList<CorpusSample> samples)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        Directory = System.IO.Path.GetDirectoryName(FilePath)!;
        Samples = samples;
    }

    /// <summary>The manifest file, absolute.</summary>
    public string FilePath { get; }

    /// <summary>The folder <see cref="CorpusSample.AudioPath"/> is relative to.</summary>
    public string Directory { get; }

    /// <summary>The samples, in id order.</summary>
    public IReadOnlyList<CorpusSample> Samples { get; }

    /// <summary>Reads a manifest (a file, or a corpus folder holding <see cref="FileName"/>).</summary>
    /// <exception cref="InvalidDataException">A line is not a sample; the message gives the file and line number.</exception>
    public static CorpusManifest Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (System.IO.Directory.Exists(path))
        {
            path = System.IO.Path.Combine(path, FileName);
        }

        var samples = new List<CorpusSample>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            CorpusSample? sample;
            try
            {
                sample = JsonSerializer.Deserialize(line, CorpusJsonContext.Default.CorpusSample);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: not a corpus sample: {ex.Message}", ex);
            }

            if (sample is null)
            {
                throw new InvalidDataException($"{path}:{number}: a corpus sample line is null.");
            }

            CheckAudioPath(sample.AudioPath, path, number);
            samples.Add(sample);
        }

        return new CorpusManifest(path, samples);
    }

    /// <summary>The absolute path of <paramref name="sample"/>'s WAV.</summary>
    public string AudioFile(CorpusSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return System.IO.Path.Combine(Directory, sample.AudioPath.Replace('/', System.IO.Path.DirectorySeparatorChar));
    }

    /// <summary>Writes <paramref name="samples"/> as JSON Lines (UTF-8, no BOM, <c>\n</c> endings) and returns the manifest.</summary>
    public static CorpusManifest Write(string path, IReadOnlyList<CorpusSample> samples)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(samples);
        using (var stream = File.Create(path))
        {
            foreach (var sample in samples)
            {
                JsonSerializer.Serialize(stream, sample, CorpusJsonContext.Readable.CorpusSample);
                stream.WriteByte((byte)'\n');
            }
        }

        return new CorpusManifest(path, samples);
    }

    private static void CheckAudioPath(string audioPath, string path, int number)
    {
        // The manifest is data: it must not point a consumer outside its own folder.
        if (string.IsNullOrEmpty(audioPath) || System.IO.Path.IsPathRooted(audioPath) || audioPath.Contains('\\', StringComparison.Ordinal)
            || audioPath.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new InvalidDataException($"{path}:{number}: audio_path '{audioPath}' must be a relative path inside the corpus folder.");
        }
    }
}
