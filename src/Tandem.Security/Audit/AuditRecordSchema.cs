namespace Tandem.Security.Audit;

/// <summary>
/// The JSON Schema (draft 2020-12) of one audit line, for tools that read the log and for the tests
/// that check every record written against it (S12). Member order is not expressible in JSON Schema:
/// <c>hash</c> is always last and <c>prev</c> just before it (see <see cref="AuditRecord.Hash"/>).
/// </summary>
public static class AuditRecordSchema
{
    public const string Json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "urn:tandem:audit-record:1",
          "title": "Tandem audit record",
          "description": "One line of a Tandem audit log (JSONL). hash = SHA-256 of the line without its hash member; prev = SHA-256 of the previous line (64 zeros for the first).",
          "type": "object",
          "additionalProperties": false,
          "required": ["v", "seq", "time", "event", "actor", "prev", "hash"],
          "properties": {
            "v": { "type": "integer", "const": 1 },
            "seq": { "type": "integer", "minimum": 1 },
            "time": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{7}Z$" },
            "event": { "type": "string", "pattern": "^[a-z][a-z0-9_.]{0,63}$" },
            "actor": { "type": "string", "minLength": 1 },
            "run_id": { "type": "string" },
            "turn": { "type": "integer", "minimum": 0 },
            "call_id": { "type": "string" },
            "tool": { "type": "string" },
            "args_sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
            "decision": { "type": "string" },
            "status": { "type": "string" },
            "details": { "type": "object", "additionalProperties": { "type": "string" } },
            "prev": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
            "hash": { "type": "string", "pattern": "^[0-9a-f]{64}$" }
          }
        }
        """;
}
