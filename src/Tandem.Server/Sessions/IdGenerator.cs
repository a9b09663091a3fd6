using System.Security.Cryptography;

namespace Tandem.Server.Sessions;

/// <summary>OpenAI-style opaque ids: a prefix and 48 random hex digits.</summary>
internal static class IdGenerator
{
    public static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[24];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(prefix.Length + 1 + 48, (prefix, bytes.ToArray()), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            Convert.TryToHexStringLower(state.Item2, span[(state.prefix.Length + 1)..], out _);
        });
    }

    public static string Response() => New("resp");

    public static string Message() => New("msg");

    public static string FunctionCall() => New("fc");

    public static string CallId() => New("call");

    public static string Reasoning() => New("rs");

    public static string Compaction() => New("cmp");

    public static string FunctionCallOutput() => New("fco");

    public static string Request() => New("req");
}
