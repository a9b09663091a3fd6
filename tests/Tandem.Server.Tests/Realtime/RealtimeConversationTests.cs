using Tandem.Server.Realtime;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Tests.Realtime;

/// <summary>The conversation's order, the previous item ids it reports, and how much audio it keeps.</summary>
public sealed class RealtimeConversationTests
{
    private static ConversationEntry Entry(string id, bool audio = false) =>
        new(new RealtimeMessageItem { Id = id, Role = "user", Content = [RealtimeContentPart.InputText(id)] }) { Audio = audio ? new short[240] : null };

    [Fact]
    public void Insert_AtEndAfterAnItemAndAtRoot_ReportsTheItemBefore()
    {
        var conversation = new RealtimeConversation();

        Assert.Null(conversation.Insert(Entry("a")));
        Assert.Equal("a", conversation.Insert(Entry("c")));
        Assert.Equal("a", conversation.Insert(Entry("b"), "a"));
        Assert.Null(conversation.Insert(Entry("first"), "root"));
        Assert.Throws<KeyNotFoundException>(() => conversation.Insert(Entry("x"), "missing"));

        Assert.Equal(["first", "a", "b", "c"], conversation.Items.Select(e => e.Id));
        Assert.Equal("c", conversation.LastId);
        Assert.True(conversation.Remove("b"));
        Assert.False(conversation.Remove("b"));
    }

    [Fact]
    public void TrimAudio_MoreAudioItemsThanKept_DropsTheOldestAudioOnly()
    {
        var conversation = new RealtimeConversation();
        for (var i = 0; i < 5; i++)
        {
            conversation.Insert(Entry("audio" + i, audio: true));
            conversation.Insert(Entry("text" + i));
        }

        conversation.TrimAudio(2);

        Assert.Equal(["audio3", "audio4"], conversation.Items.Where(e => e.Audio is not null).Select(e => e.Id));
        Assert.Equal(10, conversation.Count);
    }
}
