using System.CommandLine;
using System.Globalization;
using Tandem.Security.Audit;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem audit verify FILE</c>: checks a hash-chained audit log (JSONL, or SQLite with
/// <c>--sqlite</c>) and names the first bad record — an edit, a deletion, a reordering or a
/// truncation (checklist S11). Exit 0 when intact, 1 when not, 2 when it cannot be read.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The audit log: a JSONL file (or a SQLite database with --sqlite)." };
        var sqlite = new Option<bool>("--sqlite") { Description = "FILE is a SQLite audit database." };
        var allowUnsealed = new Option<bool>("--allow-unsealed") { Description = "Accept a log without a final seal record (a live log, or one whose writer crashed)." };
        var expectHead = new Option<string?>("--expect-head") { Description = "SEQ:SHA256 of the last record as kept elsewhere: catches a log rewritten or cut at a record boundary." };

        var verify = new Command("verify", "Verify a hash-chained audit log and name the first bad record.") { file, sqlite, allowUnsealed, expectHead };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            AuditHead? head = null;
            if (parse.GetValue(expectHead) is { } text)
            {
                var parts = text.Split(':', 2);
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || parts[1].Length != 64)
                {
                    await Console.Error.WriteLineAsync($"tandem audit verify: --expect-head must be SEQ:SHA256 (a record number and 64 hex characters), not '{text}'.").ConfigureAwait(false);
                    return 2;
                }

                head = new AuditHead(seq, parts[1].ToLowerInvariant());
            }

            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"tandem audit verify: no such file '{path}'.").ConfigureAwait(false);
                return 2;
            }

            var options = new AuditVerifyOptions { AllowUnsealed = parse.GetValue(allowUnsealed), ExpectedHead = head };
            AuditVerification result;
            try
            {
                result = parse.GetValue(sqlite)
                    ? await AuditVerifier.VerifySqliteAsync(path, options, cancellationToken).ConfigureAwait(false)
                    : AuditVerifier.Verify(path, options, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AuditLogException or Microsoft.Data.Sqlite.SqliteException)
            {
                await Console.Error.WriteLineAsync($"tandem audit verify: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            Console.WriteLine(result.ToString());
            return result.IsValid ? 0 : 1;
        });

        return new Command("audit", "Audit log tools.") { verify };
    }
}
