using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;

namespace Tandem.Responses.Tests.Live;

/// <summary>
/// Against api.openai.com, only when <c>OPENAI_API_KEY</c> is set (model: <c>OPENAI_TEST_MODEL</c>
/// or gpt-4.1-mini): one short two-turn chain per transport. Skipped otherwise, never failed.
/// </summary>
public sealed class OpenAiLiveTests
{
    private static readonly Uri OpenAi = new("https://api.openai.com/v1/");

    public static TheoryData<ResponsesTransportKind> BothTransports() => Clients.BothTransports();

    [Theory]
    [MemberData(nameof(BothTransports))]
    public async Task SendAndWaitAsync_TwoTurnChain_RemembersTheFirstTurn(ResponsesTransportKind transport)
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            Assert.Skip("OPENAI_API_KEY is not set: live tests against api.openai.com are skipped.");
        }

        var model = Environment.GetEnvironmentVariable("OPENAI_TEST_MODEL") is { Length: > 0 } m ? m : "gpt-4.1-mini";
        var ct = TestContext.Current.CancellationToken;
        var options = new ResponsesClientOptions { BaseUrl = OpenAi, Transport = transport, RequestTimeout = TimeSpan.FromSeconds(60) };
        options.ApiKeys.Add(key);
        await using var client = new ResponsesClient(options);
        var chain = client.CreateChain(new ResponseCreateRequest
        {
            Model = model,
            Store = true,
            Instructions = "You are a terse test fixture. Answer in as few words as possible.",
            MaxOutputTokens = 256, // room for a reasoning model's thinking, should OPENAI_TEST_MODEL name one
            Metadata = new() { ["suite"] = "tandem-live-tests" },
        });

        try
        {
            var first = await chain.SendAndWaitAsync([MessageItem.User("Remember the code word: pelican. Reply only with OK.")], ct);
            var second = await chain.SendAndWaitAsync([MessageItem.User("What was the code word? Reply with the word only.")], ct);

            Assert.Equal(transport, client.ActiveTransport);
            Assert.Equal(ResponseStatus.Completed, first.Status);
            Assert.Equal(ResponseStatus.Completed, second.Status);
            Assert.StartsWith("resp_", first.Id, StringComparison.Ordinal);
            Assert.Equal(first.Id, second.PreviousResponseId);
            Assert.Contains("pelican", second.GetOutputText(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, chain.Replays);
            Assert.Equal(4, chain.Items.Count(i => i is MessageItem));
        }
        finally
        {
            // store:true leaves the responses on the account: remove what this test made.
            foreach (var id in new[] { chain.LastResponse?.PreviousResponseId, chain.LastResponse?.Id })
            {
                if (id is not null)
                {
                    try
                    {
                        await client.DeleteAsync(id, ct);
                    }
                    catch (ResponsesException)
                    {
                        // Best effort: a failed clean-up must not hide the test's own outcome.
                    }
                }
            }
        }
    }
}
