# shellcheck shell=bash
# What the benchmark scripts share (sourced by bench.sh, bench-events.sh
# and bench-mcp.sh): medians and ratios of their numbers, one Go benchmark
# run several times, and the section of BENCHMARKS.md a script owns.

# median: the median of the numbers on stdin, one a line (Go writes large
# metrics as 1.582e+04, hence sort -g).
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# ms US: microseconds as milliseconds; added A B: A - B in milliseconds.
ms() { awk -v u="$1" 'BEGIN { printf "%.3f ms", u / 1000 }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "+%.3f ms", (a - b) / 1000 }'; }

# go_bench NAME PKG: runs BenchmarkNAME in PKG COUNT times (one iteration
# each: a run is one measurement) and keeps its result lines for metric.
go_bench() {
  local out
  out=$(go test -run '^$' -bench "^Benchmark$1\$" -benchtime 1x -count "$COUNT" "$2" 2>&1) || { echo "$out" >&2; exit 1; }
  bench_lines=$(echo "$out" | grep -E "^Benchmark$1" || true)
  [ -n "$bench_lines" ] || { echo "$out" >&2; exit 1; }
}
# metric UNIT: the median over go_bench's runs of the value before UNIT.
metric() {
  echo "$bench_lines" | awk -v u="$1" '{for (i = 2; i <= NF; i++) if ($i == u) print $(i-1)}' | median
}

# write_section MARKER TEXT: TEXT (which starts with "<!-- MARKER:begin"
# and ends with "<!-- MARKER:end -->") replaces that section of
# BENCHMARKS.md, or goes before "## Go benchmarks" when there is none.
write_section() {
  if grep -q "^<!-- $1:begin" BENCHMARKS.md; then
    S="$2" awk -v b="^<!-- $1:begin" -v e="^<!-- $1:end -->" '$0 ~ b {print ENVIRON["S"]; skip=1; next} $0 ~ e {skip=0; next} !skip' BENCHMARKS.md >BENCHMARKS.md.tmp
  else
    S="$2" awk '/^## Go benchmarks/ && !done {print ENVIRON["S"]; print ""; done=1} {print}' BENCHMARKS.md >BENCHMARKS.md.tmp
  fi
  mv BENCHMARKS.md.tmp BENCHMARKS.md
}
