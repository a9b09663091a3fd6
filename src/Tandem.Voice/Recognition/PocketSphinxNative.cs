using System.Runtime.InteropServices;

namespace Tandem.Voice.Recognition;

/// <summary>
/// The C API of Debian's PocketSphinx 0.8+5prealpha (<c>pocketsphinx.h</c>, <c>ps_search.h</c>) and
/// the few SphinxBase calls it needs (<c>cmd_ln.h</c>, <c>err.h</c>, <c>logmath.h</c>). Only the
/// versioned sonames exist without the -dev packages, so those are the names bound.
/// </summary>
internal static partial class PocketSphinxNative
{
    internal const string PocketSphinxLibrary = "libpocketsphinx.so.3";
    internal const string SphinxBaseLibrary = "libsphinxbase.so.3";

    // err.h: a NULL stream turns the library's logging off for the whole process.
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "err_set_logfp")]
    internal static partial void ErrSetLogFp(nint stream);

    // cmd_ln.h: cmd_ln_parse_r copies argv, so the marshalled strings may be freed after the call.
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_parse_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CmdLnParseR(nint inoutCmdln, nint definitions, int argc, string[] argv, int strict);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_free_r")]
    internal static partial int CmdLnFreeR(nint cmdln);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "logmath_exp")]
    internal static partial double LogMathExp(nint logmath, int logbP);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_args")]
    internal static partial nint PsArgs();

    // ps_init retains the configuration: the caller frees its own reference afterwards.
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_init")]
    internal static partial PocketSphinxDecoderHandle PsInit(nint config);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_free")]
    internal static partial int PsFree(nint decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_add_word", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsAddWord(PocketSphinxDecoderHandle decoder, string word, string phones, int update);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsSetJsgfString(PocketSphinxDecoderHandle decoder, string name, string jsgf);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PsSetSearch(PocketSphinxDecoderHandle decoder, string name);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_logmath")]
    internal static partial nint PsGetLogMath(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_utt")]
    internal static partial int PsStartUtt(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_process_raw")]
    internal static unsafe partial int PsProcessRaw(PocketSphinxDecoderHandle decoder, short* data, nuint sampleCount, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_end_utt")]
    internal static partial int PsEndUtt(PocketSphinxDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_iter")]
    internal static partial nint PsSegIter(PocketSphinxDecoderHandle decoder);

    // Frees the iterator itself when it returns NULL at the end.
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_next")]
    internal static partial nint PsSegNext(nint segment);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_free")]
    internal static partial void PsSegFree(nint segment);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_word")]
    internal static partial nint PsSegWord(nint segment);

    // Inclusive start and end frame.
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_frames")]
    internal static partial void PsSegFrames(nint segment, out int startFrame, out int endFrame);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_prob")]
    internal static partial int PsSegProb(nint segment, out int acousticScore, out int languageScore, out int languageBackoff);
}
