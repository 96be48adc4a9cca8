#!/usr/bin/env bash
# Speed and memory of the bulk run, next to the issue's targets.
#
#   bench/run.sh PAGES [BIG_MB]
#
# PAGES: a folder holding pages (any `html/` folders below it are used, else
# PAGES itself) and, optionally, `text.jsonl` files for the text-input
# figure. BIG_MB (default 1000): size of the JSONL generated in /tmp from
# those pages for the peak-RSS run (made once, reused; never commit it).
#
# Measured in the same run: scraper's parse time of the same pages (the
# floor; examples/parse_only.rs), unboil on 1 and 2 threads, text input on
# 1 thread, peak RSS on the big JSONL streamed from stdin. Each timing is
# the best of REPEAT runs (default 3): the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=${1:?usage: bench/run.sh PAGES [BIG_MB]}
BIG_MB=${2:-1000}
REPEAT=${REPEAT:-3}
TMP=${TMPDIR:-/tmp}
BIG=$TMP/unboil-bench-${BIG_MB}mb.jsonl
TEXT=$TMP/unboil-bench-text.jsonl

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak RSS)" >&2
  apt-get install -y time >/dev/null
fi

cargo build --release --quiet --bin unboil --example parse_only
UNBOIL=target/release/unboil
PARSE=target/release/examples/parse_only

mapfile -t DIRS < <(find "$PAGES" -type d -name html | sort)
[ ${#DIRS[@]} -gt 0 ] || DIRS=("$PAGES")
mapfile -t TEXTS < <(find "$PAGES" -type f -name text.jsonl | sort)

# best_of CMD...: runs CMD under GNU time REPEAT times; prints the fastest
# run's "wall user sys maxrss_kb".
best_of() {
  local best="" line
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %U %S %M" -o "$TMP/unboil-bench.time" "$@" >/dev/null 2>"$TMP/unboil-bench.err" \
      || { cat "$TMP/unboil-bench.err" >&2; exit 1; }
    line=$(tail -n1 "$TMP/unboil-bench.time")
    if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN{split(a,x," ");split(b,y," ");exit !(x[1]<y[1])}'; then
      best=$line
    fi
  done
  echo "$best"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"
echo "pages: ${DIRS[*]}"

# The floor: parse only, timed inside the program (reading and decoding
# excluded), wall and CPU. Best of REPEAT.
parse_best=""
parse_cpu=""
for _ in $(seq "$REPEAT"); do
  out=$("$PARSE" "${DIRS[@]}")
  secs=$(sed -E 's/.*seconds=([0-9.]+) cpu.*/\1/' <<<"$out")
  cpu=$(sed -E 's/.*cpu_seconds=([0-9.]+).*/\1/' <<<"$out")
  if [ -z "$parse_best" ] || awk -v a="$secs" -v b="$parse_best" 'BEGIN{exit !(a<b)}'; then
    parse_best=$secs
  fi
  if [ -z "$parse_cpu" ] || awk -v a="$cpu" -v b="$parse_cpu" 'BEGIN{exit !(a<b)}'; then
    parse_cpu=$cpu
  fi
done
pages=$(sed -E 's/.*pages=([0-9]+).*/\1/' <<<"$out")
bytes=$(sed -E 's/.*bytes=([0-9]+).*/\1/' <<<"$out")

read -r w1 u1 s1 m1 < <(best_of "$UNBOIL" -q -j 1 --format jsonl "${DIRS[@]}")
read -r w2 u2 s2 m2 < <(best_of "$UNBOIL" -q -j 2 --format jsonl "${DIRS[@]}")

# Text input: the text.jsonl files repeated to about 100 MB, so start-up
# does not count.
text_line="(no text.jsonl under $PAGES)"
if [ ${#TEXTS[@]} -gt 0 ]; then
  : >"$TEXT"
  while [ "$(stat -c %s "$TEXT")" -lt 100000000 ]; do cat "${TEXTS[@]}" >>"$TEXT"; done
  tbytes=$(stat -c %s "$TEXT")
  read -r tw tu ts _ < <(best_of "$UNBOIL" -q -j 1 --format jsonl --input-format jsonl "$TEXT")
  text_line=$(awk -v b="$tbytes" -v w="$tw" -v c="$(awk -v u="$tu" -v s="$ts" 'BEGIN{print u+s}')" \
    'BEGIN{printf "%.1f MB/s wall, %.1f MB/s CPU (%.0f MB, %.2fs)", b/1e6/w, b/1e6/c, b/1e6, w}')
fi

# The big JSONL, streamed from stdin with the default thread count.
if [ ! -s "$BIG" ]; then
  echo "generating $BIG (${BIG_MB} MB of JSONL from the pages)" >&2
  python3 - "$BIG" "$BIG_MB" "${DIRS[@]}" <<'PY'
import gzip, json, os, sys
out, mb, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pages = []
for d in dirs:
    for root, _, files in os.walk(d):
        for f in sorted(files):
            raw = open(os.path.join(root, f), "rb").read()
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            pages.append(raw.decode("utf-8", "replace"))
n = 0
with open(out + ".part", "w") as w:
    while w.tell() < mb * 1_000_000:
        for p in pages:
            w.write(json.dumps({"id": f"page-{n}", "html": p}) + "\n")
            n += 1
            if w.tell() >= mb * 1_000_000:
                break
os.rename(out + ".part", out)
PY
fi
big_bytes=$(stat -c %s "$BIG")
big_docs=$(wc -l <"$BIG")
/usr/bin/time -f "%e %U %S %M" -o "$TMP/unboil-bench.time" \
  sh -c "cat '$BIG' | '$UNBOIL' -q --format jsonl - >/dev/null 2>&1"
read -r bw bu bs bm < <(tail -n1 "$TMP/unboil-bench.time")

echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk -v pages="$pages" -v bytes="$bytes" -v p="$parse_best" -v pc="$parse_cpu" \
  -v w1="$w1" -v c1="$(awk -v u="$u1" -v s="$s1" 'BEGIN{print u+s}')" -v m1="$m1" \
  -v w2="$w2" -v c2="$(awk -v u="$u2" -v s="$s2" 'BEGIN{print u+s}')" -v m2="$m2" -v text="$text_line" \
  -v bb="$big_bytes" -v bd="$big_docs" -v bw="$bw" -v bm="$bm" '
function row(a, b, c) { printf "%-40s %-50s %s\n", a, b, c }
BEGIN {
  mb = bytes / 1e6
  row("measure", "figure", "target")
  row("pages", sprintf("%d pages, %.1f MB of HTML", pages, mb), "")
  row("scraper parse only (the floor)", sprintf("%.2fs wall (%.2fs CPU)  %.0f pages/s  %.1f MB/s", p, pc, pages/p, mb/p), "")
  row("unboil -j 1, whole process", sprintf("%.2fs wall (%.2fs CPU)  %.0f pages/s  %.1f MB/s", w1, c1, pages/w1, mb/w1), "")
  row("  / parse only, wall", sprintf("%.2fx", w1/p), "<= 1.3x")
  row("  / parse only, CPU", sprintf("%.2fx", c1/pc), "<= 1.3x (CPU: steadier on a busy machine)")
  row("unboil -j 2, whole process", sprintf("%.2fs wall (%.2fs CPU)  %.0f pages/s  %.1f MB/s", w2, c2, pages/w2, mb/w2), "")
  row("  speed-up -j 2 / -j 1, wall", sprintf("%.2fx", w1/w2), ">= 1.8x")
  row("text input, -j 1", text, ">= 100 MB/s")
  row("big JSONL on stdin, all cores", sprintf("%.0f MB, %d docs in %.1fs (%.1f MB/s)", bb/1e6, bd, bw, bb/1e6/bw), "")
  row("  peak RSS", sprintf("%.0f MB", bm/1024), "< 200 MB")
  row("peak RSS over the pages, -j 1 / -j 2", sprintf("%.0f / %.0f MB", m1/1024, m2/1024), "")
}'
