using System.Runtime.InteropServices;

namespace Tandem.Voice.Recognition;

/// <summary>Finding the native libraries and the model, once per process, with reasons a person can act on.</summary>
internal static class PocketSphinxLibrary
{
    internal const string Packages = "install the Debian packages pocketsphinx and pocketsphinx-en-us (apt-get install pocketsphinx pocketsphinx-en-us)";

    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>
    /// Serialises decoder creation: model loading touches SphinxBase's process-wide state (the
    /// logging target, the argument tables), which is not documented as thread-safe.
    /// </summary>
    internal static Lock CreationGate => Gate;

    /// <summary>Null when the libraries load; otherwise why not.</summary>
    public static string? LibraryProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return $"the PocketSphinx recogniser binds {PocketSphinxNative.PocketSphinxLibrary}, which exists only on Linux";
        }

        foreach (var name in (string[])[PocketSphinxNative.SphinxBaseLibrary, PocketSphinxNative.PocketSphinxLibrary])
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                return $"the native library {name} was not found: {Packages}";
            }

            NativeLibrary.Free(handle);
        }

        return null;
    }

    /// <summary>Null when the model directory holds the default acoustic model, language model and dictionary; otherwise what is missing.</summary>
    public static string? ModelProblem(string modelDirectory)
    {
        if (!Directory.Exists(modelDirectory))
        {
            return $"the PocketSphinx model directory {modelDirectory} does not exist: {Packages}";
        }

        var missing = new[] { Path.Combine("en-us", "mdef"), "en-us.lm.bin", "cmudict-en-us.dict" }
            .Where(f => !File.Exists(Path.Combine(modelDirectory, f)))
            .ToList();
        return missing.Count == 0
            ? null
            : $"the PocketSphinx model directory {modelDirectory} lacks {string.Join(", ", missing)}: {Packages}";
    }

    /// <summary>Loads the libraries and silences their logging (it writes to stderr by default), or throws why it cannot.</summary>
    /// <exception cref="DllNotFoundException">A library is missing; the message names it and the packages.</exception>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            if (LibraryProblem() is { } problem)
            {
                throw new DllNotFoundException("PocketSphinx is not available: " + problem + ".");
            }

            PocketSphinxNative.ErrSetLogFp(0);
            _initialized = true;
        }
    }
}
