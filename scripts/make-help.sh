#!/bin/sh
# Prints the targets of a Makefile with what each does, from its "## name:
# text" lines and the "## text" lines that continue them (make help).
# With --check it prints nothing but fails, naming them, when a target has
# no "## name:" line (make lint).
# Usage: scripts/make-help.sh [--check] MAKEFILE
set -eu
mode=help
if [ "${1:-}" = --check ]; then mode=check; shift; fi
mf=${1:?usage: scripts/make-help.sh [--check] MAKEFILE}
# Two passes: the targets first (those of .PHONY and of every rule, not a
# variable), then the ## lines; "## name:" starts an entry only when name is
# a target, so a continued sentence may hold "word:" at a line's start.
awk -v mode="$mode" '
  FNR == NR && /^\.PHONY:/ { for (i = 2; i <= NF; i++) target[$i] = 1; next }
  FNR == NR && /^[A-Za-z0-9_.\/-][A-Za-z0-9_.\/ -]*:/ && !/^[^:]*:[:!?]?=/ {
    split($0, p, ":"); k = split(p[1], ts, " "); for (i = 1; i <= k; i++) target[ts[i]] = 1
  }
  FNR == NR { next }
  /^## [A-Za-z0-9_.\/-]+:( |$)/ {
    name = $2; sub(/:$/, "", name)
    if (name in target) {
      text = $0; sub(/^## [^:]*: */, "", text)
      order[++n] = name; help[name] = text; last = name; next
    }
  }
  /^## / && last != "" { t = $0; sub(/^## /, "", t); help[last] = help[last] "\n" t; next }
  { last = "" }
  END {
    if (mode == "check") {
      bad = 0
      for (t in target) if (!(t in help)) { printf "%s: target %s has no \"## %s: what it does\" line (make help lists them)\n", FILENAME, t, t > "/dev/stderr"; bad = 1 }
      exit bad
    }
    w = 0
    for (i = 1; i <= n; i++) if (length(order[i]) > w) w = length(order[i])
    for (i = 1; i <= n; i++) {
      k = split(help[order[i]], lines, "\n")
      for (j = 1; j <= k; j++) printf "  %-" w "s  %s\n", (j == 1 ? order[i] : ""), lines[j]
    }
  }
' "$mf" "$mf"
