using System.Security.Cryptography;

namespace Tandem.Voice.Realtime.Protocol;

/// <summary>Ids in OpenAI's shapes: a prefix and 21 random letters and digits (<c>event_E6U11oE4PwyJSvJ9e3mzM</c>).</summary>
public static class RealtimeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A server event id, <c>event_…</c>.</summary>
    public static string NewEventId() => New("event_");

    /// <summary>A client event id, <c>evt_…</c>.</summary>
    public static string NewClientEventId() => New("evt_");

    public static string NewItemId() => New("item_");

    public static string NewResponseId() => New("resp_");

    public static string NewSessionId() => New("sess_");

    public static string NewConversationId() => New("conv_");

    /// <summary>A function call id, <c>call_…</c> (16 characters after the prefix, as OpenAI's).</summary>
    public static string NewCallId() => New("call_", 16);

    private static string New(string prefix, int length = 21) => prefix + RandomNumberGenerator.GetString(Alphabet, length);
}
