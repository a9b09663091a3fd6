#!/usr/bin/env python3
"""file_ticket: file a ticket into .tandem/tickets.sqlite in the workspace (the current directory).

Tandem script convention: the arguments are one JSON object, given as the first command-line
argument or, when there is none, on stdin. The script prints one JSON object on stdout and exits
with 0 (a result matching contracts/file_ticket.output.schema.json) or 1 (an error object:
{"error": {"code": "...", "message": "..."}}). Standard library only.

Idempotency: the ticket and the response for its idempotency key are written in one transaction,
so a key either has its ticket and stored response or nothing. A repeat with the same key and the
same request returns the stored response and writes nothing (the database file is not touched);
the same key with a different request is refused.
"""

import datetime
import hashlib
import json
import os
import sqlite3
import sys

DATABASE = os.path.join(".tandem", "tickets.sqlite")
MAX_TITLE = 200
PRIORITIES = ("low", "normal", "high", "urgent")

SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    priority TEXT NOT NULL,
    labels TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY,
    request_sha256 TEXT NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    response TEXT NOT NULL
);
"""


class ToolError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def read_arguments():
    raw = sys.argv[1] if len(sys.argv) > 1 else sys.stdin.read()
    try:
        args = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ToolError("invalid_input", f"The arguments are not JSON: {e}")
    if not isinstance(args, dict):
        raise ToolError("invalid_input", "The arguments must be a JSON object.")
    return args


def normalize(args):
    """The request as stored and compared; the schema already fixed the types."""
    title = str(args.get("title", "")).strip()
    if title == "":
        raise ToolError("title_blank", "The title is empty: say in one line what is wrong or wanted.")
    if len(title) > MAX_TITLE:
        raise ToolError("title_too_long", f"The title is {len(title)} characters; the limit is {MAX_TITLE}. Move detail into the body.")
    key = str(args.get("idempotency_key", "")).strip()
    if key == "":
        raise ToolError("idempotency_key_blank", "The idempotency_key is empty: give each filing request its own key.")
    priority = args.get("priority", "normal")
    if priority not in PRIORITIES:
        raise ToolError("invalid_input", f"The priority must be one of {', '.join(PRIORITIES)}.")
    labels = [str(label).strip() for label in args.get("labels", [])]
    request = {"title": title, "body": str(args.get("body", "")), "priority": priority, "labels": labels}
    return key, request


def file_ticket(args):
    key, request = normalize(args)
    request_sha256 = hashlib.sha256(
        json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")).hexdigest()
    os.makedirs(os.path.dirname(DATABASE), exist_ok=True)
    connection = sqlite3.connect(DATABASE, timeout=30, isolation_level=None)
    try:
        connection.executescript(SCHEMA)
        # IMMEDIATE takes the write lock first, so two concurrent calls with one key cannot both insert.
        connection.execute("BEGIN IMMEDIATE")
        try:
            row = connection.execute(
                "SELECT request_sha256, response FROM idempotency_keys WHERE key = ?", (key,)).fetchone()
            if row is not None:
                connection.execute("ROLLBACK")
                if row[0] != request_sha256:
                    raise ToolError("idempotency_conflict",
                                    "This idempotency_key was already used for a different ticket; use a new key.")
                return json.loads(row[1])
            cursor = connection.execute(
                "INSERT INTO tickets (title, body, priority, labels, created_at) VALUES (?, ?, ?, ?, ?)",
                (request["title"], request["body"], request["priority"], json.dumps(request["labels"]),
                 datetime.datetime.now(datetime.timezone.utc).isoformat()))
            response = {
                "ticket_id": f"TCK-{cursor.lastrowid:06d}",
                "status": "open",
                "title": request["title"],
                "priority": request["priority"],
                "labels": request["labels"],
            }
            connection.execute(
                "INSERT INTO idempotency_keys (key, request_sha256, ticket_id, response) VALUES (?, ?, ?, ?)",
                (key, request_sha256, cursor.lastrowid, json.dumps(response, ensure_ascii=False)))
            connection.execute("COMMIT")
            return response
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()


def main():
    try:
        result = file_ticket(read_arguments())
    except ToolError as e:
        print(json.dumps({"error": {"code": e.code, "message": e.message}}))
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
