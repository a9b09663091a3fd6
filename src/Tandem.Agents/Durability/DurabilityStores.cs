using System.Text.RegularExpressions;
using Npgsql;

namespace Tandem.Agents.Durability;

/// <summary>
/// Creates the durability stores from a one-line spec, as given on a command line or in configuration:
/// <list type="bullet">
/// <item><c>sqlite:PATH</c>: a database file (created with its folder if missing); one process or several on one machine.</item>
/// <item><c>postgres:CONNECTION_STRING</c>, or a bare Npgsql connection string such as
/// <c>Host=db;Database=tandem;Username=tandem;Password=...</c>: shared by several machines.</item>
/// </list>
/// The idempotency store and the journal may share one database. Creating a store does no I/O: its
/// tables are created on first use.
/// </summary>
public static partial class DurabilityStores
{
    private const string SqlitePrefix = "sqlite:";
    private const string PostgresPrefix = "postgres:";
    private const string Expected = "expected 'sqlite:PATH', 'postgres:CONNECTION_STRING' or an Npgsql connection string 'Host=...'";

    public static IIdempotencyStore CreateIdempotencyStore(string spec, TimeProvider? timeProvider = null)
    {
        var (isPostgres, target) = Parse(spec);
        return isPostgres
            ? new PostgresIdempotencyStore(target, timeProvider)
            : new SqliteIdempotencyStore(target, timeProvider);
    }

    public static IRunJournal CreateRunJournal(string spec, TimeProvider? timeProvider = null)
    {
        var (isPostgres, target) = Parse(spec);
        return isPostgres
            ? new PostgresRunJournal(target, timeProvider)
            : new SqliteRunJournal(target, timeProvider);
    }

    /// <summary>The spec as it may appear in a message or a log: passwords replaced by <c>***</c>.</summary>
    public static string Mask(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var masked = PasswordKeyword().Replace(spec, "${key}***");
        return UriPassword().Replace(masked, "${user}***@");
    }

    /// <returns>Whether the target is PostgreSQL, and the file path or connection string.</returns>
    private static (bool IsPostgres, string Target) Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trimmed = spec.Trim();
        if (trimmed.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed[SqlitePrefix.Length..];
            if (path.Length == 0)
            {
                throw Invalid(spec, "the file path is empty");
            }

            // An in-memory database dies with its last connection (each pooled connection would even get
            // its own): nothing would survive, which defeats the store's purpose.
            if (path.Equals(":memory:", StringComparison.OrdinalIgnoreCase) || path.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(spec, "an in-memory database is not durable; give a file path");
            }

            if (path.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid(spec, "the file path contains a NUL character");
            }

            return (false, path);
        }

        if (trimmed.StartsWith(PostgresPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return (true, ValidatePostgres(spec, trimmed[PostgresPrefix.Length..]));
        }

        if (BareHost().IsMatch(trimmed))
        {
            return (true, ValidatePostgres(spec, trimmed));
        }

        throw Invalid(spec, trimmed.Length == 0 ? "it is empty" : "unknown kind of store");
    }

    private static string ValidatePostgres(string spec, string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Neither the parser's message nor the exception itself is passed on: a password holding an
            // unquoted ';' is split there, and its tail shows up in "Keyword not supported: '...'".
            throw Invalid(spec, "the connection string cannot be parsed");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw Invalid(spec, "the connection string has no Host");
        }

        return connectionString;
    }

    private static ArgumentException Invalid(string spec, string reason) =>
        new($"Durability store spec '{Mask(spec)}' is not valid: {reason}; {Expected}.", nameof(spec));

    // Password=..., Pwd=..., Psw=..., SSL Password=...: up to the next ';', or a quoted value whole.
    [GeneratedRegex("""(?<key>\b(?:password|pwd|psw)\s*=\s*)(?:"(?:[^"]|"")*"?|'(?:[^']|'')*'?|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordKeyword();

    // postgres://user:secret@host/...: the secret between "user:" and '@'.
    [GeneratedRegex("""(?<user>://[^:/@\s]*:)[^@/\s]*@""", RegexOptions.CultureInvariant)]
    private static partial Regex UriPassword();

    // A bare Npgsql connection string: its first keyword is Host (or its synonym Server).
    [GeneratedRegex("""^\s*(?:host|server)\s*=""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareHost();
}
