using Tandem.Security.Secrets;

namespace Tandem.Voice.Realtime;

/// <summary>Keeps the API key (and anything shaped like a credential) out of exception messages and logs.</summary>
internal static class RealtimeRedaction
{
    public const string Marker = "[REDACTED]";

    public static string? Scrub(string? text, string? secret)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Marker, StringComparison.Ordinal);
        }

        return Redactor.ShapesOnly.Redact(text);
    }
}
