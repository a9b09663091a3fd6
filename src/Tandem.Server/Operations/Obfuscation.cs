namespace Tandem.Server.Operations;

/// <summary>
/// The <c>obfuscation</c> padding OpenAI adds to deltas so that frame sizes do not reveal the
/// tokens; here it pads every delta to a similar length.
/// </summary>
internal static class Obfuscation
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int PaddedLength = 16;
    private static readonly string[] Pads = BuildPads();

    public static string For(string delta) => Pads[Math.Clamp(PaddedLength - delta.Length, 1, PaddedLength)];

    private static string[] BuildPads()
    {
        var pads = new string[PaddedLength + 1];
        var random = new Random(20260226);
        for (var i = 0; i < pads.Length; i++)
        {
            pads[i] = string.Create(i, random, static (span, r) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = Alphabet[r.Next(Alphabet.Length)];
                }
            });
        }

        return pads;
    }
}
