using System.Runtime.InteropServices;

namespace Tandem.Voice.Recognition;

/// <summary>One native decoder: decodes one utterance at a time, so the pool gives it to one caller at a time.</summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private const string SearchName = "grammar";

    private readonly PocketSphinxDecoderHandle _handle;
    private readonly bool _posteriors;

    private PocketSphinxDecoder(PocketSphinxDecoderHandle handle, bool posteriors)
    {
        _handle = handle;
        _posteriors = posteriors;
    }

    /// <exception cref="InvalidOperationException">The library rejected the arguments, the model or the grammar.</exception>
    public static PocketSphinxDecoder Create(PocketSphinxModel model)
    {
        PocketSphinxLibrary.EnsureInitialized();
        lock (PocketSphinxLibrary.CreationGate)
        {
            var config = PocketSphinxNative.CmdLnParseR(0, PocketSphinxNative.PsArgs(), model.Arguments.Length, model.Arguments, strict: 1);
            if (config == 0)
            {
                throw new InvalidOperationException(
                    $"PocketSphinx rejected the decoder arguments of profile '{model.Name}' (an unknown name or a bad value): {string.Join(' ', model.Arguments)}.");
            }

            PocketSphinxDecoderHandle handle;
            try
            {
                handle = PocketSphinxNative.PsInit(config);
            }
            finally
            {
                // ps_init keeps its own reference.
                PocketSphinxNative.CmdLnFreeR(config);
            }

            if (handle.IsInvalid)
            {
                handle.Dispose();
                throw new InvalidOperationException(
                    $"PocketSphinx could not load the model of profile '{model.Name}' (the files exist but did not load): {string.Join(' ', model.Arguments)}.");
            }

            try
            {
                if (model.Grammar is { } grammar)
                {
                    SetGrammar(handle, model, grammar);
                }
            }
            catch
            {
                handle.Dispose();
                throw;
            }

            // The grammar (FSG) search reports every posterior as 1.0: no confidence is better than a false one.
            return new PocketSphinxDecoder(handle, posteriors: !model.IsGrammar);
        }
    }

    private static void SetGrammar(PocketSphinxDecoderHandle handle, PocketSphinxModel model, string grammar)
    {
        foreach (var (entry, phones) in model.Pronunciations)
        {
            // update = 0: no search exists yet, the grammar search below is built from the finished dictionary.
            if (PocketSphinxNative.PsAddWord(handle, entry, phones, update: 0) < 0)
            {
                throw new InvalidOperationException($"PocketSphinx rejected the pronunciation '{entry} {phones}' of profile '{model.Name}'.");
            }
        }

        if (PocketSphinxNative.PsSetJsgfString(handle, SearchName, grammar) < 0 || PocketSphinxNative.PsSetSearch(handle, SearchName) < 0)
        {
            throw new InvalidOperationException($"PocketSphinx rejected the JSGF grammar of profile '{model.Name}' (a syntax error, or an empty language).");
        }
    }

    /// <summary>Decodes one whole utterance of 16 kHz audio.</summary>
    public unsafe RecognitionResult Decode(ReadOnlySpan<short> pcm16k)
    {
        Check(PocketSphinxNative.PsStartUtt(_handle), "ps_start_utt");
        fixed (short* samples = pcm16k)
        {
            // full_utt = 1: the whole segment in one call, which batch CMN needs.
            Check(PocketSphinxNative.PsProcessRaw(_handle, samples, (nuint)pcm16k.Length, noSearch: 0, fullUtterance: 1), "ps_process_raw");
        }

        Check(PocketSphinxNative.PsEndUtt(_handle), "ps_end_utt");
        return Result();
    }

    private RecognitionResult Result()
    {
        var words = new List<RecognizedWord>();
        var logmath = _posteriors ? PocketSphinxNative.PsGetLogMath(_handle) : 0;
        var segment = PocketSphinxNative.PsSegIter(_handle);
        try
        {
            for (; segment != 0; segment = PocketSphinxNative.PsSegNext(segment))
            {
                var word = Marshal.PtrToStringUTF8(PocketSphinxNative.PsSegWord(segment));
                if (word is null || IsFiller(word))
                {
                    continue;
                }

                PocketSphinxNative.PsSegFrames(segment, out var startFrame, out var endFrame);
                double? confidence = null;
                if (logmath != 0)
                {
                    var logPosterior = PocketSphinxNative.PsSegProb(segment, out _, out _, out _);
                    confidence = Math.Clamp(PocketSphinxNative.LogMathExp(logmath, logPosterior), 0, 1);
                }

                words.Add(new RecognizedWord(
                    PronunciationDictionary.BaseWord(word),
                    FrameToMs(startFrame),
                    FrameToMs(endFrame + 1), // inclusive end frame
                    confidence));
            }
        }
        finally
        {
            if (segment != 0)
            {
                PocketSphinxNative.PsSegFree(segment);
            }
        }

        if (words.Count == 0)
        {
            return RecognitionResult.Empty;
        }

        var text = string.Join(' ', words.Select(w => w.Word));
        double? overall = _posteriors ? words.Average(w => w.Confidence!.Value) : null;
        return new RecognitionResult(text, words, overall);
    }

    // Sentence markers, silence, noise words ([NOISE], ++BREATH++) and the grammar's null transitions.
    private static bool IsFiller(string word) =>
        word.Length == 0 || word[0] is '<' or '[' or '+' || word == "(NULL)";

    private static int FrameToMs(int frame) => Math.Max(0, frame) * 1000 / PocketSphinxModel.FramesPerSecond;

    private static void Check(int status, string call)
    {
        if (status < 0)
        {
            throw new InvalidOperationException($"PocketSphinx failed in {call} (status {status}).");
        }
    }

    public void Dispose() => _handle.Dispose();
}
