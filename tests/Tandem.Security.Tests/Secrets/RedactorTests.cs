using System.Text.Json;
using Tandem.Security.Secrets;

namespace Tandem.Security.Tests.Secrets;

public sealed class RedactorTests
{
    [Fact]
    public void Redact_KnownValue_IsReplacedWithItsName()
    {
        var store = new SecretStore();
        store.Add("DB_PASSWORD", "correct horse battery");
        var redactor = new Redactor(store);

        Assert.Equal("login with [REDACTED:DB_PASSWORD] failed; [REDACTED:DB_PASSWORD]!", redactor.Redact("login with correct horse battery failed; correct horse battery!"));
    }

    [Fact]
    public void Redact_NothingToHide_ReturnsTheSameInstance()
    {
        var store = new SecretStore();
        store.Add("KEY", "value-1234");
        var text = "an ordinary log line about sk-short and a bearer of news";

        Assert.Same(text, new Redactor(store).Redact(text));
    }

    [Fact]
    public void Redact_JsonEscapedValue_IsReplacedToo()
    {
        var store = new SecretStore();
        var value = "pa\"ss\\wörd<1>";
        store.Add("PASSWORD", value);
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["password"] = value });

        var redacted = new Redactor(store).Redact(json);

        Assert.Equal("{\"password\":\"[REDACTED:PASSWORD]\"}", redacted);
    }

    [Fact]
    public void Redact_OverlappingValues_LeaveNoFragment()
    {
        var store = new SecretStore();
        store.Add("A", "abcdef");
        store.Add("B", "defghijk");
        store.Add("C", "abcdefXYZ");

        var redacted = new Redactor(store).Redact("1 abcdefghijk 2 abcdefXYZ 3");

        Assert.Equal("1 [REDACTED:A] 2 [REDACTED:C] 3", redacted);
    }

    [Fact]
    public void Redact_ValueAddedLater_IsPickedUp()
    {
        var store = new SecretStore();
        var redactor = new Redactor(store);
        Assert.Equal("token abcd-efgh", redactor.Redact("token abcd-efgh"));

        store.Add("LATE", "abcd-efgh");

        Assert.Equal("token [REDACTED:LATE]", redactor.Redact("token abcd-efgh"));
    }

    [Fact]
    public void Redact_VeryShortValues_AreNotSearchedFor()
    {
        var store = new SecretStore();
        store.Add("FLAG", "1");
        store.Add("PIN", "abc");

        Assert.Equal("1 abc", new Redactor(store).Redact("1 abc"));
    }

    [Theory]
    [InlineData("key sk-proj-AbCdEf0123456789_ghIJklmnOP end", "key [REDACTED:openai_key] end")]
    [InlineData("Authorization: Bearer eyJhbGciOi.abcdefghijkl-mnop_qrstu", "Authorization: Bearer [REDACTED:bearer_token]")]
    [InlineData("\"authorization\":\"bearer abcdefghijklmnop1234\"", "\"authorization\":\"bearer [REDACTED:bearer_token]\"")]
    [InlineData("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [REDACTED:basic_auth]")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345 pushed", "[REDACTED:github_token] pushed")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "[REDACTED:aws_access_key]")]
    [InlineData("xoxb-1234567890-abcdef", "[REDACTED:slack_token]")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijk_lmnop", "jwt [REDACTED:jwt]")]
    [InlineData("GET /v1?api_key=abcdef123456&x=1", "GET /v1?api_key=[REDACTED:url_credential]&x=1")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAKC==\n-----END RSA PRIVATE KEY----- done", "[REDACTED:private_key] done")]
    public void Redact_CredentialShapes_AreReplaced(string text, string expected)
    {
        Assert.Equal(expected, Redactor.ShapesOnly.Redact(text));
    }

    [Theory]
    [InlineData("the basic idea is straightforward")]
    [InlineData("task-0123456789abcdefghijklmnop")]
    [InlineData("the bearer of news")]
    public void Redact_OrdinaryText_IsLeftAlone(string text)
    {
        Assert.Same(text, Redactor.ShapesOnly.Redact(text));
    }

    [Fact]
    public void Redact_LargeTextWithManySecrets_RedactsEveryOccurrence()
    {
        var store = new SecretStore();
        var values = Enumerable.Range(0, 200).Select(i => $"secret-value-{i:D4}-{Guid.NewGuid():N}").ToList();
        for (var i = 0; i < values.Count; i++)
        {
            store.Add("K" + i, values[i]);
        }

        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i} sk- bearer <<>> {values[i % values.Count]};"));

        var redacted = new Redactor(store).Redact(text);

        Assert.Equal(5000, System.Text.RegularExpressions.Regex.Count(redacted, @"\[REDACTED:K\d+\]"));
        Assert.DoesNotContain("secret-value-", redacted, StringComparison.Ordinal);
        Assert.Contains("line 4999 sk- bearer <<>> [REDACTED:K199];", redacted, StringComparison.Ordinal);
    }
}
