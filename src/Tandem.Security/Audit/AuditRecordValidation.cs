namespace Tandem.Security.Audit;

/// <summary>The rules a record's fields follow, shared by the writer (before writing) and the verifier (after reading).</summary>
internal static class AuditRecordValidation
{
    public static bool IsEventName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
