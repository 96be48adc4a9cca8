#!/usr/bin/env bash
# Quality on the shared benchmark data, against issue 3's targets.
# Usage: bench/quality.sh PATH/TO/shared/bench   (needs aeb-dev/ and wcxb-dev/)
set -euo pipefail
data=${1:?usage: bench/quality.sh PATH/TO/shared/bench}
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/unboil
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$bin eval --bench "$data/aeb-dev" --json "$tmp/aeb-html.json" > "$tmp/aeb-html.txt"
$bin eval --bench "$data/aeb-dev" --text --json "$tmp/aeb-text.json" > "$tmp/aeb-text.txt"
$bin eval --bench "$data/wcxb-dev" --json "$tmp/wcxb-html.json" > "$tmp/wcxb-html.txt"
$bin eval --bench "$data/wcxb-dev" --text --json "$tmp/wcxb-text.json" > "$tmp/wcxb-text.txt"
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
j = {k: json.load(open(f"{d}/{k}.json")) for k in ["aeb-html", "aeb-text", "wcxb-html", "wcxb-text"]}
def f1(r, kind=None):
    s = r["overall"] if kind is None else r["by_kind"][kind]
    return s["f1"]
def without(r):
    return r["overall"]["snippets"]["without_rate"]
rows = [
    ("aeb-dev HTML, shingle F1", f1(j["aeb-html"]), ">=", 0.975),
    ("aeb-dev text, shingle F1", f1(j["aeb-text"]), ">=", 0.93),
    ("wcxb-dev HTML all, word F1", f1(j["wcxb-html"]), ">=", 0.87),
    ("wcxb-dev HTML articles, word F1", f1(j["wcxb-html"], "article"), ">=", 0.945),
    ("wcxb-dev HTML, without snippets left", without(j["wcxb-html"]), "<=", 0.03),
    ("wcxb-dev text, word F1", f1(j["wcxb-text"]), ">=", 0.85),
]
print(f"{'measure':40} {'unboil':>8} {'target':>9}  met")
for name, v, op, t in rows:
    ok = v >= t if op == ">=" else v <= t
    print(f"{name:40} {v:8.3f} {op} {t:6.3f}  {'yes' if ok else 'no'}")
print()
print("wcxb-dev by page kind (word F1): HTML / text")
for k in sorted(j["wcxb-html"]["by_kind"]):
    print(f"  {k:14} {f1(j['wcxb-html'], k):.3f} / {f1(j['wcxb-text'], k):.3f}")
PY
