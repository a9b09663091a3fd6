using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary>
/// An absolute http(s) URL option. System.CommandLine has no converter for <see cref="Uri"/>, so the
/// value is parsed here, with an error that names the option and the value.
/// </summary>
internal static class UriOption
{
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"{name} must be an absolute http:// or https:// URL, not '{text}'.");
            return null;
        },
    };
}
