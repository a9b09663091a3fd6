using Tandem.Voice.Recognition;

namespace Tandem.Cli.Commands;

/// <summary>In-process recognisers by profile name, made once and disposed together (the second-ASR fallback).</summary>
internal sealed class RecognizerSet : IDisposable
{
    private readonly Dictionary<string, PocketSphinxRecognizer> _recognizers = new(StringComparer.Ordinal);

    public PocketSphinxRecognizer Get(string model)
    {
        if (!_recognizers.TryGetValue(model, out var recognizer))
        {
            recognizer = new PocketSphinxRecognizer(model);
            _recognizers[model] = recognizer;
        }

        return recognizer;
    }

    public void Dispose()
    {
        foreach (var recognizer in _recognizers.Values)
        {
            recognizer.Dispose();
        }
    }
}
