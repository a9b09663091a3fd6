using Microsoft.Win32.SafeHandles;

namespace Tandem.Voice.Recognition;

/// <summary>Owns one <c>ps_decoder_t</c>; <c>ps_free</c> runs exactly once, even if the owner is never disposed.</summary>
internal sealed class PocketSphinxDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PocketSphinxDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => PocketSphinxNative.PsFree(handle) >= 0;
}
