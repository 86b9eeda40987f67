#!/usr/bin/env bash
# mcp serve's zoom_api against zoomconn api's path for the same call
# (issue 23): GET /users/me on the fake Zoom with a cached token, through
# an MCP client on stdio pipes vs Service.API directly (what `zoomconn api`
# does once started), alternating in one process. Runs
# BenchmarkMCPServeVsAPI (auth/access) COUNT times and reports medians.
# Writes only its own section of BENCHMARKS.md (between the mcp markers;
# before "## Go benchmarks" when there are none). Run by scripts/bench.sh
# (make bench), or alone. No network, no keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-5}
export GOCACHE="$(go env GOCACHE)"
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh
go_bench MCPServeVsAPI ./auth/access
api50=$(metric api-p50-us); mcp50=$(metric mcp-p50-us)
api90=$(metric api-p90-us); mcp90=$(metric mcp-p90-us)
section=$(cat <<SECTION
<!-- mcp:begin (scripts/bench-mcp.sh writes this section) -->
## mcp serve vs api

Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)): \`BenchmarkMCPServeVsAPI\` in \`auth/access\`, median of $COUNT runs, in one process: the fake Zoom, a Server-to-Server connection with a cached token on memory secrets, and an MCP client from the official Go SDK on in-process pipes. Each run makes 2,000 calls each way, alternating, after 200 each to warm up. Reproduce with \`make bench\`, or \`scripts/bench-mcp.sh\` for this section alone.

| measure | \`mcp serve\`'s \`zoom_api\` | floor: \`api\`'s path (\`Service.API\`) | added | target |
|---|---|---|---|---|
| GET /users/me, p50 | $(ms "$mcp50") | $(ms "$api50") | $(added "$mcp50" "$api50") | (reported) |
| the same calls, p90 | $(ms "$mcp90") | $(ms "$api90") | $(added "$mcp90" "$api90") | (reported) |

- **What mcp serve adds** to the same call: the agent's JSON-RPC request and the result on stdio
  (encoded and decoded on both sides), the allow list's check, the sanitiser over Zoom's answer
  (the same JSON value, with what a terminal would act on escaped) and handing the call to the
  audit log's goroutine, which appends it to the file after the answer has gone out.
- **The floor is warm**, as \`mcp serve\` is: \`zoomconn api\` as a command also starts a process
  and reads the keyring each time (see the \`api\` row above), which an agent's long-running
  \`mcp serve\` pays once. On the real keyring both read the cached token from it on every call.
- **The p90** is scheduling more than work: per call \`zoom_api\` wakes several goroutines (the
  SDK's reader and writer on each side, the handler, the audit log's writer), which on a machine
  of few cores shared with other work sometimes wait for one. Far below Zoom's own latency
  (tens to hundreds of milliseconds per call) either way.
<!-- mcp:end -->
SECTION
)
write_section mcp "$section"
echo "$section"
