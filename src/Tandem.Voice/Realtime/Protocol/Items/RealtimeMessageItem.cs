namespace Tandem.Voice.Realtime.Protocol;

/// <summary>A <c>message</c> item: role <c>user</c>, <c>assistant</c> or <c>system</c>, and its content parts.</summary>
public sealed record RealtimeMessageItem : RealtimeConversationItem
{
    public RealtimeMessageItem()
        : base(RealtimeItemTypes.Message)
    {
    }

    public string? Role { get; set; }

    public List<RealtimeContentPart>? Content { get; set; }

    /// <summary>A user message of <paramref name="parts"/>.</summary>
    public static RealtimeMessageItem User(params RealtimeContentPart[] parts) => new() { Role = "user", Content = [.. parts] };

    public static RealtimeMessageItem UserText(string text) => User(RealtimeContentPart.InputText(text));

    public static RealtimeMessageItem UserAudio(ReadOnlySpan<byte> audio) => User(RealtimeContentPart.InputAudio(audio));

    public static RealtimeMessageItem AssistantText(string text) => new() { Role = "assistant", Content = [RealtimeContentPart.OutputText(text)] };

    /// <summary>A system message: context added mid-conversation (smaller changes than new instructions).</summary>
    public static RealtimeMessageItem SystemText(string text) => new() { Role = "system", Content = [RealtimeContentPart.InputText(text)] };
}
