namespace Tandem.Voice.Recognition;

/// <summary>Where the PocketSphinx model lives and how many decoders may run at once.</summary>
public sealed class PocketSphinxOptions
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> package installs the US English model.</summary>
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>
    /// The model directory: profiles' relative acoustic-model, language-model and dictionary paths
    /// resolve against it.
    /// </summary>
    public string ModelDirectory { get; set; } = DefaultModelDirectory;

    /// <summary>
    /// Decoders per recogniser, which is also the number of segments recognised at once (a decoder
    /// is not thread-safe, and each language-model decoder holds its own copy of the model, ~100 MB).
    /// </summary>
    public int MaxConcurrentDecoders { get; set; } = 2;

    /// <summary>The longest segment accepted; longer audio is rejected rather than decoded for seconds.</summary>
    public TimeSpan MaxAudioDuration { get; set; } = TimeSpan.FromMinutes(2);
}
