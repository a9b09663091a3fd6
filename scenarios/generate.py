#!/usr/bin/env python3
"""Generates the bench's scenario files (see docs/scenarios.md and benchmark-method.md).

    python3 scenarios/generate.py            # writes the five files next to this script
    python3 scenarios/generate.py --check    # fails if a file on disk differs from what it would write
    python3 scenarios/generate.py --summary  # prints the docs table (turns, calls, tool times, bytes)

Standard library only and deterministic (no clock, no randomness): the same script writes the same
bytes. Every file it writes is checked first: each called tool is declared with a strict schema
(every property required, additionalProperties false) that the call's arguments fit, with
latency_ms and output_bytes inside the scenario's ranges; each function_call carries
expect_output "<tool> ok" (SimulatedTool's outputs start with "NAME ok (hash) "), so a client that
mixes up outputs fails the next turn.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The o200k_base tokenizer (the server's TokenCounter) reads SimulatedTool's filler at ~5.94 bytes a
# token (measured on 20-60 KB outputs), not the 4 bytes of English prose.
FILLER_BYTES_PER_TOKEN = 5.94


# ---------------------------------------------------------------------------------------------
# Building blocks

def S(description=None):
    s = {"type": "string"}
    if description:
        s["description"] = description
    return s


def I(description=None):
    s = {"type": "integer"}
    if description:
        s["description"] = description
    return s


def A(description=None):
    s = {"type": "array", "items": {"type": "string"}}
    if description:
        s["description"] = description
    return s


def tool(name, description, latency_ms, output_bytes, /, **properties):
    """A tool with a strict schema: every property required, nothing else allowed."""
    return {
        "name": name,
        "description": description,
        "parameters": {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        },
        "latency_ms": latency_ms,
        "output_bytes": output_bytes,
    }


def call(name, /, **arguments):
    return {"type": "function_call", "name": name, "arguments": arguments, "expect_output": f"{name} ok"}


def say(text):
    return {"type": "message", "phase": "commentary", "text": text}


def think(summary, tokens):
    return {"type": "reasoning", "summary": summary, "reasoning_tokens": tokens}


def answer(text):
    return {"type": "message", "phase": "final_answer", "text": text}


def turn(*outputs):
    return {"output": list(outputs)}


def scenario(name, description, prompt, tools, turns):
    return {"name": name, "description": description, "tools": tools, "turns": turns, "client": {"prompt": prompt}}


# ---------------------------------------------------------------------------------------------
# chain-25: 25 sequential calls, each taking an id from the one before; ~1 s of tool time.

def chain_25():
    repo = "acme/inventory"
    sha = "9f3c2e1"
    branch = "fix/reservation-timeout-regression"
    client_path = "src/Inventory/Reservations/ReservationClient.cs"
    config_path = "config/appsettings.Production.json"
    tools = [
        tool("list_alerts", "List monitoring alerts of a service.", 40, 600,
             service=S(), state=S("firing, pending or resolved")),
        tool("get_alert", "Details of one alert: rule, threshold, first seen, linked dashboards.", 20, 500,
             alert_id=S()),
        tool("query_metrics", "Percentiles of a metric over the last minutes.", 50, 400,
             service=S(), metric=S(), window_minutes=I()),
        tool("search_logs", "Search a service's logs; returns matching lines with trace ids.", 80, 1200,
             service=S(), query=S(), since=S("ISO 8601 timestamp")),
        tool("get_trace", "A distributed trace: its spans with services and durations.", 55, 1500,
             trace_id=S()),
        tool("get_span", "One span of a trace: attributes, events, status.", 12, 500,
             trace_id=S(), span_id=S()),
        tool("get_service", "Service catalog entry: owner team, repository, runtime.", 10, 400,
             service=S()),
        tool("list_deployments", "Recent deployments of a service, newest first.", 25, 600,
             service=S(), limit=I()),
        tool("get_deployment", "One deployment: commit, author, rollout status, config changes.", 25, 700,
             deployment_id=S()),
        tool("get_commit", "A commit: message, author, files changed.", 30, 500,
             repo=S(), sha=S()),
        tool("get_diff", "The diff of one file in a commit.", 50, 1500,
             repo=S(), sha=S(), path=S()),
        tool("read_file", "Read a file of a repository at a revision.", 20, 1200,
             repo=S(), path=S(), ref=S("commit sha or branch")),
        tool("search_code", "Search a repository's code.", 65, 900,
             repo=S(), query=S()),
        tool("run_query", "Run a read-only SQL query on a database replica.", 80, 500,
             database=S(), sql=S()),
        tool("create_branch", "Create a branch from a commit.", 40, 200,
             repo=S(), name=S(), from_sha=S()),
        tool("apply_patch", "Apply a unified diff to one file on a branch and commit it.", 30, 250,
             repo=S(), branch=S(), path=S(), patch=S()),
        tool("run_tests", "Run the tests of a repository on a branch; returns a run id and a summary.", 80, 1000,
             repo=S(), branch=S(), filter=S()),
        tool("get_test_report", "The report of a test run: passed, failed, durations.", 25, 800,
             run_id=S()),
        tool("open_pull_request", "Open a pull request from a branch.", 70, 300,
             repo=S(), branch=S(), title=S(), body=S()),
        tool("request_review", "Ask reviewers to review a pull request.", 22, 200,
             repo=S(), pr_number=I(), reviewers=A()),
        tool("get_ci_status", "The CI checks of a pull request.", 40, 400,
             repo=S(), pr_number=I()),
        tool("comment_on_alert", "Add a comment to an alert's timeline.", 15, 200,
             alert_id=S(), body=S()),
    ]
    calls = [
        call("list_alerts", service="checkout-api", state="firing"),
        call("get_alert", alert_id="ALR-20931"),
        call("query_metrics", service="checkout-api", metric="http.server.request.duration.p95", window_minutes=120),
        call("search_logs", service="checkout-api", query="DeadlineExceeded upstream=inventory-grpc", since="2026-11-26T08:40:00Z"),
        call("get_trace", trace_id="4bf92f3577b34da6a3ce929d0e0e4736"),
        call("get_span", trace_id="4bf92f3577b34da6a3ce929d0e0e4736", span_id="00f067aa0ba902b7"),
        call("get_service", service="inventory-grpc"),
        call("list_deployments", service="inventory-grpc", limit=5),
        call("get_deployment", deployment_id="dep-7781"),
        call("get_commit", repo=repo, sha=sha),
        call("get_diff", repo=repo, sha=sha, path=client_path),
        call("read_file", repo=repo, path=client_path, ref=sha),
        call("search_code", repo=repo, query="ReservationOptions.Timeout"),
        call("read_file", repo=repo, path=config_path, ref=sha),
        call("run_query", database="inventory-replica",
             sql="SELECT wait_event, count(*) FROM pg_stat_activity WHERE datname = 'inventory' GROUP BY wait_event ORDER BY 2 DESC LIMIT 10"),
        call("query_metrics", service="inventory-grpc", metric="db.client.connections.wait_time.p95", window_minutes=120),
        call("create_branch", repo=repo, name=branch, from_sha=sha),
        call("apply_patch", repo=repo, branch=branch, path=client_path,
             patch="@@ -41,7 +41,7 @@ public sealed class ReservationClient\n-        var deadline = TimeSpan.FromMilliseconds(_options.Timeout);\n+        var deadline = TimeSpan.FromMilliseconds(_options.TimeoutMs);\n"),
        call("apply_patch", repo=repo, branch=branch, path=config_path,
             patch="@@ -12,3 +12,3 @@\n-    \"Timeout\": 250,\n+    \"TimeoutMs\": 2500,\n"),
        call("run_tests", repo=repo, branch=branch, filter="FullyQualifiedName~Inventory.Reservations"),
        call("get_test_report", run_id="run-55120"),
        call("open_pull_request", repo=repo, branch=branch,
             title="Restore the 2.5 s reservation deadline (regression from dep-7781)",
             body="9f3c2e1 renamed ReservationOptions.Timeout to TimeoutMs but production config still set Timeout, so the client fell back to 250 ms. Fixes ALR-20931."),
        call("request_review", repo=repo, pr_number=4821, reviewers=["inventory-oncall", "m.okafor"]),
        call("get_ci_status", repo=repo, pr_number=4821),
        call("comment_on_alert", alert_id="ALR-20931",
             body="Cause: dep-7781 (9f3c2e1) dropped the reservation deadline to 250 ms. Fix in acme/inventory#4821, CI green, awaiting review."),
    ]
    turns = [turn(c) for c in calls]
    turns.append(turn(answer(
        "The checkout p95 alert (ALR-20931) comes from inventory-grpc: deployment dep-7781 (commit 9f3c2e1) renamed "
        "ReservationOptions.Timeout to TimeoutMs while production config kept the old key, so reservations used the "
        "250 ms default and timed out under load. I opened acme/inventory#4821 restoring a 2.5 s deadline; the "
        "reservation tests pass, CI is green, and the alert's timeline links the fix.")))
    return scenario(
        "chain-25",
        "25 sequential tool calls, one per turn, each taking an id from the previous result (an on-call "
        "investigation from alert to fix PR), then a final answer. Tool latencies 10-80 ms, ~1 s on the critical "
        "path: the scenario measures per-turn transport and client overhead on a long dependent chain.",
        "The checkout-api p95 latency alert has been firing since about 09:00 UTC. Find the cause, fix it in a "
        "branch, open a PR with passing tests and note it on the alert.",
        tools, turns)


# ---------------------------------------------------------------------------------------------
# fanout-8x4: 4 rounds of 8 parallel calls of unequal latency (20-200 ms), then a final answer.

def fanout_8x4():
    tools = [
        tool("read_config", "Read a service's configuration file.", 20, 1400, service=S(), path=S()),
        tool("list_tests", "List the tests of a project.", 45, 600, project=S()),
        tool("grep_repo", "Search the repository for a pattern under a path.", 70, 900, pattern=S(), path=S()),
        tool("git_log", "Recent commits touching a path.", 95, 700, path=S(), limit=I()),
        tool("fetch_issue", "Fetch an issue from the tracker.", 120, 800, issue=S()),
        tool("query_metrics", "Error rate and latency of a service over the last hours.", 145, 500, service=S(), hours=I()),
        tool("search_docs", "Search the internal documentation.", 170, 1200, query=S()),
        tool("run_linter", "Run the linter on a path.", 200, 600, path=S()),
    ]
    services = [
        ("payments", "tandem#812", "PaymentsOptions"),
        ("ledger", "tandem#813", "LedgerOptions"),
        ("notifications", "tandem#814", "NotificationOptions"),
        ("search", "tandem#815", "SearchIndexOptions"),
    ]

    def probes(service, issue, options):
        return {
            "read_config": call("read_config", service=service, path=f"services/{service}/appsettings.json"),
            "list_tests": call("list_tests", project=f"services/{service}/tests"),
            "grep_repo": call("grep_repo", pattern=f"ConfigurationBinder.Bind|{options}", path=f"services/{service}/src"),
            "git_log": call("git_log", path=f"services/{service}/src/Configuration", limit=10),
            "fetch_issue": call("fetch_issue", issue=issue),
            "query_metrics": call("query_metrics", service=service, hours=24),
            "search_docs": call("search_docs", query=f"{service} configuration keys migration"),
            "run_linter": call("run_linter", path=f"services/{service}/src"),
        }

    by_latency = [t["name"] for t in sorted(tools, key=lambda t: t["latency_ms"])]  # fastest first
    orders = [
        list(reversed(by_latency)),  # slowest streamed first: early dispatch overlaps it with the rest
        [by_latency[i] for i in (7, 0, 6, 1, 5, 2, 4, 3)],  # interleaved
        list(by_latency),  # slowest streamed last: early dispatch cannot help
        [by_latency[i] for i in (4, 7, 1, 6, 0, 5, 3, 2)],  # mixed
    ]
    turns = []
    for (service, issue, options), order in zip(services, orders):
        p = probes(service, issue, options)
        turns.append(turn(*[p[name] for name in order]))
    turns.append(turn(answer(
        "Surveyed payments, ledger, notifications and search (32 results): each binds its options in one place, "
        "payments and search still read two legacy keys, ledger's tests cover the loader, and none shows errors "
        "tied to configuration in the last 24 hours. The migration can start with ledger.")))
    return scenario(
        "fanout-8x4",
        "Four rounds of 8 parallel calls to tools of unequal latency (20-200 ms), then a final answer. Round 1 "
        "streams the slowest call first, round 2 interleaves, round 3 streams the slowest last (early dispatch "
        "cannot help), round 4 mixes. The critical path is the slowest call of each round (4 x 200 ms), not the "
        "sum of the calls.",
        "Before we move every service to the new configuration loader (tandem#812-815), survey payments, ledger, "
        "notifications and search: config, tests, usages, recent history, the issue, metrics, docs and lint. "
        "Tell me where to start.",
        tools, turns)


# ---------------------------------------------------------------------------------------------
# mixed-30: a coding agent fixing a bug: search, reads, parallel reads, edits, a failing test, a fix, a rerun, a commit.

def mixed_30():
    tools = [
        tool("search_code", "Search the repository's code; returns matching lines with paths.", 110, 1400,
             query=S(), path_glob=S()),
        tool("list_dir", "List a directory.", 8, 500, path=S()),
        tool("read_file", "Read lines of a file.", 12, 3200, path=S(), start_line=I(), end_line=I()),
        tool("edit_file", "Replace an exact text in a file with a new text.", 20, 240,
             path=S(), old_text=S(), new_text=S()),
        tool("run_tests", "Run the tests of a project, optionally filtered; returns the summary and failures.", 450, 2200,
             project=S(), filter=S("dotnet test --filter expression, empty for all")),
        tool("get_test_log", "Full output of one test of the last run.", 15, 2600, project=S(), test_name=S()),
        tool("run_linter", "Run the analyzers and formatter check on files.", 300, 600, paths=A()),
        tool("git_status", "Working tree status under a path.", 15, 400, path=S()),
        tool("git_diff", "Diff of the working tree for paths.", 25, 2400, paths=A()),
        tool("git_commit", "Commit the given paths.", 70, 300, message=S(), paths=A()),
    ]
    handler = "src/Acme.Http/Retry/RetryHandler.cs"
    options = "src/Acme.Http/Retry/RetryOptions.cs"
    backoff = "src/Acme.Http/Retry/BackoffCalculator.cs"
    extensions = "src/Acme.Http/HttpClientBuilderExtensions.cs"
    parser = "src/Acme.Http/Internal/RetryAfterParser.cs"
    tests = "tests/Acme.Http.Tests/Retry/RetryHandlerTests.cs"
    test_project = "tests/Acme.Http.Tests"
    handler_filter = "FullyQualifiedName~Acme.Http.Tests.Retry"
    turns = [
        turn(think("The user reports 429 retries ignoring Retry-After. Find the retry handler first.", 48),
             say("I'll start by finding the retry handler."),
             call("search_code", query="class RetryHandler", path_glob="src/**/*.cs")),
        turn(say("It's in src/Acme.Http/Retry. Reading the handler, its options, the backoff helper and where it is registered."),
             call("read_file", path=handler, start_line=1, end_line=140),
             call("read_file", path=options, start_line=1, end_line=60),
             call("read_file", path=backoff, start_line=1, end_line=80),
             call("read_file", path=extensions, start_line=1, end_line=90)),
        turn(call("search_code", query="RetryAfter", path_glob="src/**/*.cs"),
             call("search_code", query="RetryHandler", path_glob="tests/**/*.cs"),
             call("search_code", query="Retry-After", path_glob="docs/**/*.md"),
             call("list_dir", path="tests/Acme.Http.Tests/Retry")),
        turn(say("Reading the existing tests, the header parser and the retry docs."),
             call("read_file", path=tests, start_line=1, end_line=220),
             call("read_file", path="tests/Acme.Http.Tests/Retry/FakeTimeHandler.cs", start_line=1, end_line=70),
             call("read_file", path=parser, start_line=1, end_line=60),
             call("read_file", path="docs/http-retries.md", start_line=1, end_line=120),
             call("read_file", path="tests/Acme.Http.Tests/Retry/RetryOptionsTests.cs", start_line=1, end_line=90)),
        turn(think("SendAsync computes the delay from BackoffCalculator only; the parsed Retry-After is never used. "
                   "Use max(backoff, Retry-After) capped by MaxDelay, and expose RespectRetryAfter (default true).", 160),
             say("The handler never uses Retry-After. I'll make the delay honour it, capped by MaxDelay, behind a new RespectRetryAfter option."),
             call("edit_file", path=handler,
                  old_text="var delay = _backoff.Next(attempt);",
                  new_text="var delay = _backoff.Next(attempt);\n            if (_options.RespectRetryAfter && RetryAfterParser.TryParse(response, _time, out var retryAfter))\n            {\n                delay = TimeSpan.FromTicks(Math.Min(Math.Max(delay.Ticks, retryAfter.Ticks), _options.MaxDelay.Ticks));\n            }"),
             call("edit_file", path=options,
                  old_text="public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);",
                  new_text="public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);\n\n    /// <summary>Wait at least what a 429 or 503 response's Retry-After asks (capped by MaxDelay).</summary>\n    public bool RespectRetryAfter { get; set; } = true;")),
        turn(say("Adding tests for Retry-After as seconds, as an HTTP date, and above MaxDelay."),
             call("edit_file", path=tests,
                  old_text="    // Retry-After",
                  new_text="    [Theory]\n    [InlineData(\"3\", 3)]\n    [InlineData(\"Wed, 26 Nov 2026 10:00:05 GMT\", 5)]\n    public async Task SendAsync_429WithRetryAfter_WaitsWhatItAsks(string header, int seconds) { /* ... */ }\n\n    [Fact]\n    public async Task SendAsync_RetryAfterAboveMaxDelay_WaitsMaxDelay() { /* ... */ }")),
        turn(call("run_tests", project=test_project, filter=handler_filter)),
        turn(think("SendAsync_429WithRetryAfter_WaitsWhatItAsks(\"Wed, 26 Nov 2026 10:00:05 GMT\", 5) fails: waited 3605 s. "
                   "The parser subtracts DateTime.Now, local time, from a UTC date.", 96),
             say("One test fails: a Retry-After given as an HTTP date is compared with local time. Checking the log and the parser."),
             call("get_test_log", project=test_project,
                  test_name="Acme.Http.Tests.Retry.RetryHandlerTests.SendAsync_429WithRetryAfter_WaitsWhatItAsks"),
             call("read_file", path=parser, start_line=1, end_line=60)),
        turn(call("edit_file", path=parser,
                  old_text="delay = date.UtcDateTime - DateTime.Now;",
                  new_text="delay = date - time.GetUtcNow();")),
        turn(call("run_tests", project=test_project, filter=handler_filter)),
        turn(say("The retry tests pass. Running the whole suite, the API tests that use the handler, and the linter."),
             call("run_tests", project=test_project, filter=""),
             call("run_tests", project="tests/Acme.Api.Tests", filter=""),
             call("run_linter", paths=[handler, options, parser, tests])),
        turn(say("The linter flags an unused using in RetryOptions.cs; removing it."),
             call("edit_file", path=options, old_text="using System.Linq;\n", new_text="")),
        turn(call("run_linter", paths=[options])),
        turn(call("git_status", path="."),
             call("git_diff", paths=[handler, options, parser, tests])),
        turn(say("Committing the fix with its tests."),
             call("git_commit",
                  message="Retry: honour Retry-After on 429/503 (capped by MaxDelay); parse HTTP dates against UTC",
                  paths=[handler, options, parser, tests])),
        turn(think("All green, committed; summarise for the user.", 24),
             answer("Fixed: RetryHandler now waits at least what Retry-After asks on 429 and 503 responses, never more "
                    "than MaxDelay, behind RespectRetryAfter (on by default). A new test caught a second bug - HTTP-date "
                    "values were compared with local time - which I fixed in RetryAfterParser. The Acme.Http and "
                    "Acme.Api suites pass, the linter is clean, and the change is committed.")),
    ]
    return scenario(
        "mixed-30",
        "A realistic coding-agent graph of 30 calls over 16 turns: search, parallel reads, more searches and reads, "
        "two parallel edits, a test edit, a test run that fails, the log and a fix, a rerun, the whole suite and the "
        "linter in parallel, a lint fix, diff and commit. Reasoning items (with reasoning tokens) in four turns, "
        "commentary messages before the calls of most turns, and a final_answer message.",
        "Our HTTP client retries 429 responses immediately instead of waiting for the Retry-After header. Fix it in "
        "Acme.Http, add tests, make sure everything passes, and commit.",
        tools, turns)


# ---------------------------------------------------------------------------------------------
# long-context: tool outputs of tens of KB, so the history grows to ~200k tokens over 16 turns.

def long_context():
    tools = [
        tool("list_tree", "Recursive listing of a directory with file sizes.", 10, 20000, path=S()),
        tool("read_file", "Read a whole file.", 15, 58000, path=S()),
        tool("grep_repo", "Search the repository; returns every matching line with context.", 30, 28000,
             pattern=S(), path=S()),
        tool("dump_schema", "The DDL of a database schema: tables, indexes, constraints.", 25, 52000,
             database=S(), schema=S()),
        tool("fetch_docs", "Fetch a documentation page as text.", 45, 60000, url=S()),
        tool("get_logs", "Log lines of a service over a time range.", 35, 48000, service=S(), since=S(), until=S()),
        tool("git_log", "Commits touching a path, with their patches.", 40, 40000, path=S(), limit=I()),
        tool("run_tests", "Run tests and return their full output.", 50, 36000, project=S(), filter=S()),
    ]
    src = "services/billing/src/Billing"
    turns = [
        turn(say("I'll map the billing service first."),
             call("list_tree", path="services/billing")),
        turn(call("read_file", path=f"{src}/Data/LegacyInvoiceRepository.cs"),
             call("read_file", path=f"{src}/Data/LegacyPaymentRepository.cs")),
        turn(call("grep_repo", pattern="SqlMapper\\.|new SqlCommand\\(", path="services/billing")),
        turn(call("read_file", path=f"{src}/Services/InvoiceService.cs"),
             call("read_file", path=f"{src}/Services/DunningService.cs")),
        turn(call("dump_schema", database="billing", schema="dbo")),
        turn(say("Reading the EF Core migration guidance before planning the mapping."),
             call("fetch_docs", url="https://learn.microsoft.com/ef/core/modeling/"),
             call("fetch_docs", url="https://learn.microsoft.com/ef/core/managing-schemas/scaffolding/")),
        turn(call("read_file", path=f"{src}/Data/LegacyCustomerRepository.cs"),
             call("read_file", path=f"{src}/Data/SqlConnectionFactory.cs")),
        turn(call("get_logs", service="billing", since="2026-11-25T00:00:00Z", until="2026-11-26T00:00:00Z")),
        turn(call("git_log", path=f"{src}/Data", limit=40)),
        turn(call("read_file", path=f"{src}/Jobs/MonthlyInvoiceJob.cs"),
             call("read_file", path=f"{src}/Jobs/PaymentReconciliationJob.cs")),
        turn(call("run_tests", project="services/billing/tests/Billing.Tests", filter="")),
        turn(call("read_file", path="services/billing/tests/Billing.Tests/Data/LegacyInvoiceRepositoryTests.cs"),
             call("read_file", path="services/billing/tests/Billing.Tests/Data/DatabaseFixture.cs")),
        turn(call("fetch_docs", url="https://learn.microsoft.com/ef/core/performance/efficient-querying")),
        turn(call("get_logs", service="billing-jobs", since="2026-11-25T00:00:00Z", until="2026-11-26T00:00:00Z"),
             call("read_file", path=f"{src}/Data/LegacyTaxRateRepository.cs")),
        turn(say("Last, the reporting queries, which are the riskiest to port."),
             call("read_file", path=f"{src}/Reporting/RevenueReportQueries.cs"),
             call("grep_repo", pattern="WITH \\(NOLOCK\\)|OPTION \\(RECOMPILE\\)", path=src)),
        turn(answer(
            "Plan for moving billing to EF Core: 5 legacy repositories (invoice, payment, customer, tax rate, "
            "connection factory) map onto 14 tables of the dbo schema; start with LegacyTaxRateRepository (read-only, "
            "no hints), then invoices and payments behind the existing interfaces, keep the reporting queries on raw "
            "SQL via FromSql because of their NOLOCK/RECOMPILE hints, and port the two jobs last. The current suite "
            "passes and the logs show no data-access errors to carry over.")),
    ]
    return scenario(
        "long-context",
        "A codebase-reading agent whose tool outputs are tens of KB (20-60 KB: files, schema, docs, logs, "
        "patches, test output), so the history grows to ~200k tokens over 16 turns (~1.18 MB of tool output; "
        "SimulatedTool's filler tokenises at ~5.9 bytes a token under o200k_base). Tool latencies stay small "
        "(10-50 ms): what grows is what each request carries - the case for WebSocket mode and for "
        "previous_response_id over resending the history.",
        "Plan the migration of the billing service's data access from the hand-written SQL repositories to EF "
        "Core. Read what you need - code, schema, logs, history, tests, docs - and give me an order of work.",
        tools, turns)


# ---------------------------------------------------------------------------------------------
# long-horizon-60: 59 tool turns of 1-3 small calls and a final answer.

def long_horizon_60():
    tools = [
        tool("get_issue", "Fetch an issue from the tracker.", 25, 1100, issue=S()),
        tool("search_code", "Search the repository's code; returns matching lines with paths.", 45, 900,
             query=S(), path_glob=S()),
        tool("list_dir", "List a directory.", 5, 300, path=S()),
        tool("read_file", "Read lines of a file.", 8, 1500, path=S(), start_line=I(), end_line=I()),
        tool("edit_file", "Replace an exact text in a file with a new text.", 12, 200,
             path=S(), old_text=S(), new_text=S()),
        tool("run_tests", "Run the tests of a project, optionally filtered.", 60, 1200, project=S(), filter=S()),
        tool("run_linter", "Run the analyzers on paths.", 40, 600, paths=A()),
        tool("git_diff", "Diff of the working tree for a path.", 15, 1400, path=S()),
        tool("git_commit", "Commit the given paths.", 30, 250, message=S(), paths=A()),
    ]
    modules = ["Accounts", "Billing", "Campaigns", "Contacts", "Exports", "Imports", "Leads",
               "Notifications", "Opportunities", "Portal", "Reporting", "Search", "Support", "Webhooks"]
    files = ["Controllers/{m}Controller.cs", "Services/{m}Service.cs", "Mapping/{m}Profile.cs", "Validation/{m}Validator.cs"]
    turns = [turn(say("Reading the issue first."), call("get_issue", issue="CRM-2417"))]
    for i, m in enumerate(modules):
        root = f"src/Crm.{m}"
        # 1: find the call sites and the layout.
        turns.append(turn(say(f"Next: {m} ({i + 1} of {len(modules)})."),
                          call("search_code", query="Customer.Email", path_glob=f"{root}/**/*.cs"),
                          call("list_dir", path=root)))
        # 2: read 1-3 files (the number cycles with the module).
        reads = [files[(i + k) % len(files)].format(m=m) for k in range(1 + i % 3)]
        turns.append(turn(*[call("read_file", path=f"{root}/{f}", start_line=1, end_line=120 + 20 * k)
                            for k, f in enumerate(reads)]))
        # 3: edit what was read (1-2 edits).
        edits = reads[:1 + (i + 1) % 2]
        turns.append(turn(*[call("edit_file", path=f"{root}/{f}", old_text="customer.Email", new_text="customer.ContactEmail")
                            for f in edits]))
        # 4: run the module's tests (with the linter every third module).
        checks = [call("run_tests", project=f"tests/Crm.{m}.Tests", filter="")]
        if i % 3 == 2:
            checks.append(call("run_linter", paths=[root]))
        turns.append(turn(*checks))
    # Whole-solution checks, then the commit: turns 58 and 59.
    turns.append(turn(say("All modules done. Running everything and reviewing the diff."),
                      call("run_tests", project="Crm.sln", filter=""),
                      call("run_linter", paths=["src"]),
                      call("git_diff", path="src")))
    turns.append(turn(call("git_commit", message="Rename Customer.Email to ContactEmail across the CRM (CRM-2417)",
                           paths=["src", "tests"])))
    turns.append(turn(answer(
        f"Renamed Customer.Email to ContactEmail in all {len(modules)} modules (CRM-2417): every module's tests "
        "pass, the whole solution passes, the linter is clean, and the change is committed as one commit.")))
    return scenario(
        "long-horizon-60",
        "A 60-turn run: 59 tool turns of 1-3 small calls (200-1500 bytes, 5-60 ms) - a rename carried through 14 "
        "modules, each searched, read, edited and tested - then a final answer. It measures what a long run costs "
        "per turn: chains of 60 responses, a growing history, reconnects and continuations.",
        "Rename Customer.Email to ContactEmail across the CRM solution (CRM-2417): update every module, keep all "
        "tests green, and commit when done.",
        tools, turns)


# ---------------------------------------------------------------------------------------------
# Shape rules per scenario, checks, statistics, output.

RULES = {
    "chain-25": dict(turns=26, calls=25, calls_per_turn=(1, 1), latency=(10, 80), output=(200, 1500)),
    "fanout-8x4": dict(turns=5, calls=32, calls_per_turn=(8, 8), latency=(20, 200)),
    "mixed-30": dict(calls=(28, 32), reasoning_turns=(3, None)),
    "long-context": dict(turns=(12, 16), latency=(10, 50), output=(20000, 60000), total_bytes=(1_100_000, 1_250_000)),
    "long-horizon-60": dict(turns=60, calls_per_turn=(1, 3), latency=(5, 60), output=(200, 1500)),
}


def within(value, bounds):
    lo, hi = bounds if isinstance(bounds, tuple) else (bounds, bounds)
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def check_value(schema, value, where):
    t = schema["type"]
    if t == "object":
        props = schema["properties"]
        assert schema.get("additionalProperties") is False, f"{where}: additionalProperties must be false"
        assert sorted(schema["required"]) == sorted(props), f"{where}: every property must be required"
        assert isinstance(value, dict), f"{where}: not an object"
        assert sorted(value) == sorted(props), f"{where}: arguments {sorted(value)} != properties {sorted(props)}"
        for k, v in value.items():
            check_value(props[k], v, f"{where}.{k}")
    elif t == "array":
        assert isinstance(value, list), f"{where}: not an array"
        for n, v in enumerate(value):
            check_value(schema["items"], v, f"{where}[{n}]")
    elif t == "string":
        assert isinstance(value, str), f"{where}: not a string"
    elif t == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), f"{where}: not an integer"
    else:
        raise AssertionError(f"{where}: unexpected type {t}")


def stats(s):
    tools = {t["name"]: t for t in s["tools"]}
    calls = [o for t in s["turns"] for o in t["output"] if o["type"] == "function_call"]
    critical = sum(max((tools[o["name"]]["latency_ms"] for o in t["output"] if o["type"] == "function_call"), default=0)
                   for t in s["turns"])
    total_bytes = sum(tools[c["name"]]["output_bytes"] for c in calls)
    return {
        "turns": len(s["turns"]),
        "calls": len(calls),
        "critical_ms": critical,
        "sum_ms": sum(tools[c["name"]]["latency_ms"] for c in calls),
        "bytes": total_bytes,
        "max_parallel": max(sum(o["type"] == "function_call" for o in t["output"]) for t in s["turns"]),
        "reasoning_turns": sum(any(o["type"] == "reasoning" for o in t["output"]) for t in s["turns"]),
        "tokens": round(total_bytes / FILLER_BYTES_PER_TOKEN),
    }


def validate(s):
    name = s["name"]
    assert s.get("description") and s["client"].get("prompt"), f"{name}: description and client.prompt are required"
    tools = {}
    for t in s["tools"]:
        assert t["name"] not in tools, f"{name}: tool {t['name']} declared twice"
        tools[t["name"]] = t
        assert t["parameters"]["type"] == "object"
    used = set()
    for n, t in enumerate(s["turns"]):
        assert t["output"], f"{name} turn {n}: empty"
        for o in t["output"]:
            if o["type"] == "function_call":
                assert o["name"] in tools, f"{name} turn {n}: {o['name']} is not declared"
                assert o["expect_output"] == f"{o['name']} ok", f"{name} turn {n}: expect_output"
                check_value(tools[o["name"]]["parameters"], o["arguments"], f"{name} turn {n} {o['name']}")
                used.add(o["name"])
            elif o["type"] == "message":
                assert o["text"] and o["phase"] in ("commentary", "final_answer")
        is_last = n == len(s["turns"]) - 1
        has_calls = any(o["type"] == "function_call" for o in t["output"])
        assert has_calls != is_last, f"{name} turn {n}: every turn but the last calls tools; the last answers"
    last = s["turns"][-1]["output"][-1]
    assert last["type"] == "message" and last["phase"] == "final_answer", f"{name}: must end with a final answer"
    assert used == set(tools), f"{name}: declared but never called: {sorted(set(tools) - used)}"

    rules = RULES[name]
    st = stats(s)
    if "turns" in rules:
        assert within(st["turns"], rules["turns"]), f"{name}: {st['turns']} turns"
    if "calls" in rules:
        assert within(st["calls"], rules["calls"]), f"{name}: {st['calls']} calls"
    if "calls_per_turn" in rules:
        for n, t in enumerate(s["turns"][:-1]):
            k = sum(o["type"] == "function_call" for o in t["output"])
            assert within(k, rules["calls_per_turn"]), f"{name} turn {n}: {k} calls"
    for t in tools.values():
        if "latency" in rules:
            assert within(t["latency_ms"], rules["latency"]), f"{name}: {t['name']} latency {t['latency_ms']}"
        if "output" in rules:
            assert within(t["output_bytes"], rules["output"]), f"{name}: {t['name']} output {t['output_bytes']}"
    if "total_bytes" in rules:
        assert within(st["bytes"], rules["total_bytes"]), f"{name}: {st['bytes']} bytes of tool output"
    if "reasoning_turns" in rules:
        assert within(st["reasoning_turns"], rules["reasoning_turns"]), f"{name}: {st['reasoning_turns']} reasoning turns"
    if name == "long-context":
        assert 185_000 <= st["tokens"] <= 210_000, f"{name}: ~{st['tokens']} tokens of tool output, not ~200k"
    if name == "fanout-8x4":
        for t in s["turns"][:-1]:
            names = [o["name"] for o in t["output"]]
            assert sorted(names) == sorted(tools), f"{name}: each round calls all 8 tools once"
    return st


def dumps(s):
    """Indented JSON with one line per tool and per output item, like the hand-written scenarios."""
    def one(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{",
             f'  "name": {one(s["name"])},',
             f'  "description": {one(s["description"])},',
             '  "client": {"prompt": ' + one(s["client"]["prompt"]) + '},',
             '  "tools": [']
    lines += [f"    {one(t)}," for t in s["tools"]]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ],", '  "turns": [']
    for n, t in enumerate(s["turns"]):
        lines.append('    { "output": [')
        lines += [f"        {one(o)}," for o in t["output"]]
        lines[-1] = lines[-1].rstrip(",")
        lines.append("    ] }" + ("," if n < len(s["turns"]) - 1 else ""))
    lines += ["  ]", "}"]
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == s
    return text


SCENARIOS = [chain_25, fanout_8x4, mixed_30, long_context, long_horizon_60]

SHAPES = {
    "chain-25": "25 sequential calls, each using the previous result",
    "fanout-8x4": "4 rounds of 8 parallel calls, unequal latencies (20-200 ms)",
    "mixed-30": "coding agent: search, parallel reads, edits, failing test, fix, rerun, commit",
    "long-context": "tool outputs of 20-60 KB; the history reaches ~200k tokens",
    "long-horizon-60": "59 tool turns of 1-3 small calls (200-1500 B)",
}


def summary_table(rows):
    out = ["| scenario | shape | turns | calls | tool time on the critical path | sum of tool times | tool output |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for name, st in rows:
        out.append(f"| `{name}` | {SHAPES[name]} | {st['turns']} | {st['calls']} | {st['critical_ms']:,} ms | "
                   f"{st['sum_ms']:,} ms | {st['bytes']:,} B |")
    return "\n".join(out)


def main(argv):
    check = "--check" in argv
    rows, stale = [], []
    for build in SCENARIOS:
        s = build()
        st = validate(s)
        rows.append((s["name"], st))
        path = os.path.join(HERE, s["name"] + ".json")
        text = dumps(s)
        if check:
            current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if current != text:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    if "--summary" in argv or not check:
        print(summary_table(rows))
    if stale:
        print("Out of date (run scenarios/generate.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
