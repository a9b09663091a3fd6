using MimeKit;

namespace Tandem.Voice.Entities;

/// <summary>
/// Email addresses: a bare address MimeKit parses (RFC 5322 addr-spec), whose domain has a dot and
/// ends in a plausible top-level domain (2 to 63 letters, or an <c>xn--</c> IDN label). MimeKit alone
/// accepts <c>a@b</c> and <c>a@b.c</c>, which no caller means.
/// </summary>
internal sealed class EmailValidator : IEntityValidator
{
    public EntityKind Kind => EntityKind.Email;

    public ValidationResult Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var address = value.Trim();
        if (address.Length == 0)
        {
            return ValidationResult.Invalid("email address is empty");
        }

        var at = address.LastIndexOf('@');
        if (at < 0)
        {
            return ValidationResult.Invalid("email address has no @");
        }

        if (address.IndexOf('@') != at)
        {
            return ValidationResult.Invalid("email address has more than one @");
        }

        if (at == 0)
        {
            return ValidationResult.Invalid("email address has nothing before the @");
        }

        var domain = address[(at + 1)..];
        if (domain.Length == 0)
        {
            return ValidationResult.Invalid("email address has no domain after the @");
        }

        var space = address.IndexOfAny([' ', '\t']);
        if (space >= 0)
        {
            return ValidationResult.Invalid($"email address contains a space at position {space + 1}");
        }

        // A display name, angle brackets, comments or quotes also parse; a captured address must be
        // the bare address (MimeKit may also decode an IDN domain, so the parsed text is not compared).
        var framing = address.IndexOfAny(['<', '>', '(', ')', '[', ']', '\\', ',', ';', ':', '"']);
        if (framing >= 0)
        {
            return ValidationResult.Invalid($"email address contains '{address[framing]}' at position {framing + 1}; only a bare address (no name, brackets or quotes) is accepted");
        }

        if (!MailboxAddress.TryParse(address, out _))
        {
            return ValidationResult.Invalid($"email address '{address}' is not a valid address (RFC 5322)");
        }

        var lastDot = domain.LastIndexOf('.');
        if (lastDot < 0)
        {
            return ValidationResult.Invalid($"email domain '{domain}' has no dot");
        }

        if (domain.StartsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return ValidationResult.Invalid($"email domain '{domain}' has an empty label");
        }

        var tld = domain[(lastDot + 1)..];
        return IsPlausibleTld(tld)
            ? ValidationResult.Valid
            : ValidationResult.Invalid($"email domain ends in '.{tld}'; a top-level domain is 2 to 63 letters");
    }

    private static bool IsPlausibleTld(string tld)
    {
        if (tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return tld.Length > 4 && tld.Length <= 63 && tld.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
        }

        return tld.Length is >= 2 and <= 63 && tld.All(char.IsAsciiLetter);
    }
}
