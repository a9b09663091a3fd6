using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tandem.Responses.Protocol;
using Tandem.Server.Sessions;

namespace Tandem.Server.Endpoints;

/// <summary>
/// Bearer-key authentication. Each key is its own owner: responses are visible only to the key that
/// created them. Owners are SHA-256 hashes, so neither the store nor a log line holds a key.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    public const string AnonymousOwner = "anonymous";
    private readonly FrozenDictionary<string, string> _ownersByKey;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _rejections;

    public ApiKeyAuthenticator(IEnumerable<string> keys, IEnumerable<string>? rejectOnce = null)
    {
        _ownersByKey = keys.Distinct(StringComparer.Ordinal).ToFrozenDictionary(k => k, OwnerOf, StringComparer.Ordinal);
        _rejections = new((rejectOnce ?? []).GroupBy(k => k, StringComparer.Ordinal).Select(g => new KeyValuePair<string, int>(g.Key, g.Count())), StringComparer.Ordinal);
    }

    public bool Enabled => _ownersByKey.Count > 0;

    /// <summary>The caller's owner id, or the 401 error to answer with.</summary>
    public bool TryAuthenticate(HttpContext context, out string owner, out ProtocolException? error)
    {
        owner = AnonymousOwner;
        error = null;
        if (!Enabled)
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            error = new ProtocolException(401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
            return false;
        }

        var key = header[Scheme.Length..].Trim();
        if (!_ownersByKey.TryGetValue(key, out var found) || ConsumeRejection(key))
        {
            error = new ProtocolException(401, $"Incorrect API key provided: {Mask(key)}.", ErrorCodes.InvalidApiKey);
            return false;
        }

        owner = found;
        return true;
    }

    /// <summary>True while the key has test rejections left (each listing in RejectOnceKeys is one 401).</summary>
    private bool ConsumeRejection(string key)
    {
        while (_rejections.TryGetValue(key, out var left) && left > 0)
        {
            if (_rejections.TryUpdate(key, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a keys file: one key per line, blank lines and <c>#</c> comments ignored.</summary>
    public static IEnumerable<string> ReadKeysFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Keys file '{path}' does not exist.", path);
        }

        return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    /// <summary>Shows no more of a wrong key than OpenAI does: its first 8 and last 4 characters at most.</summary>
    internal static string Mask(string key) =>
        key.Length <= 12 ? new string('*', key.Length) : $"{key[..8]}*****{key[^4..]}";

    private static string OwnerOf(string key) => "key_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}
