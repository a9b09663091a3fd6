#!/usr/bin/env python3
"""search_files: search the workspace (the current directory) for a pattern.

Tandem script convention: the arguments are one JSON object, given as the first command-line
argument or, when there is none, on stdin. The script prints one JSON object on stdout and exits
with 0 (a result matching contracts/search_files.output.schema.json) or 1 (an error object:
{"error": {"code": "...", "message": "..."}}). Standard library only.
"""

import fnmatch
import json
import os
import re
import sys

DEFAULT_MAX_RESULTS = 100
MAX_FILE_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 300
SKIPPED_FOLDERS = {"node_modules", "bin", "obj", "__pycache__"}


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


def compile_pattern(args):
    pattern = args.get("pattern")
    if not isinstance(pattern, str) or pattern == "":
        raise ToolError("invalid_pattern", "The pattern must be a non-empty string.")
    flags = 0 if args.get("case_sensitive", True) else re.IGNORECASE
    if args.get("literal", False):
        pattern = re.escape(pattern)
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise ToolError("invalid_pattern", f"The regular expression does not compile: {e}. Fix it or set literal to true.")


def resolve_start(workspace, path):
    """The real path to search from; never outside the workspace (links are resolved first)."""
    if path is None:
        return workspace
    if not isinstance(path, str) or path == "" or os.path.isabs(path) or "\\" in path:
        raise ToolError("path_outside_workspace", "The path must be relative to the workspace, with '/' separators.")
    start = os.path.realpath(os.path.join(workspace, path))
    if start != workspace and not start.startswith(workspace + os.sep):
        raise ToolError("path_outside_workspace", f"The path '{path}' leads out of the workspace.")
    if not os.path.exists(start):
        raise ToolError("path_not_found", f"The path '{path}' does not exist in the workspace.")
    return start


def candidate_files(start, glob):
    """Files to search, in a stable order: a folder's files by name, then its sub-folders by name."""
    if os.path.isfile(start):
        yield start
        return
    for folder, dirs, files in os.walk(start, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS
                         and not os.path.islink(os.path.join(folder, d)))
        for name in sorted(files):
            full = os.path.join(folder, name)
            if os.path.islink(full) or (glob is not None and not fnmatch.fnmatchcase(name, glob)):
                continue
            yield full


def read_text(full):
    """The file's lines, or None for large or binary files."""
    try:
        if os.path.getsize(full) > MAX_FILE_BYTES:
            return None
        with open(full, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace").splitlines()


def search(args):
    regex = compile_pattern(args)
    workspace = os.path.realpath(os.getcwd())
    start = resolve_start(workspace, args.get("path"))
    limit = args.get("max_results") or DEFAULT_MAX_RESULTS
    glob = args.get("glob")
    matches = []
    files_searched = 0
    truncated = False
    for full in candidate_files(start, glob):
        lines = read_text(full)
        if lines is None:
            continue
        files_searched += 1
        relative = os.path.relpath(full, workspace).replace(os.sep, "/")
        for number, line in enumerate(lines, start=1):
            found = regex.search(line)
            if found is None:
                continue
            if len(matches) == limit:
                truncated = True
                break
            matches.append({
                "path": relative,
                "line": number,
                "column": found.start() + 1,
                "text": line[:MAX_TEXT_CHARS],
            })
        if truncated:
            break
    return {"matches": matches, "files_searched": files_searched, "truncated": truncated}


def main():
    try:
        result = search(read_arguments())
    except ToolError as e:
        print(json.dumps({"error": {"code": e.code, "message": e.message}}))
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
