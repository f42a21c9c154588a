#!/bin/bash
# Seeds for json_fuzz: the CLI's own JSON of the other seed corpora (one document per file).
#   tests/fuzz/make_json_seeds.sh BUILD_DIR      (writes tests/fuzz/corpus/json/)
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=${1:?usage: $0 BUILD_DIR}/wirekit
out=tests/fuzz/corpus/json
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# family, corpus dir, bytes to skip before the message (a fuzzer's context byte), extra options
while read -r proto dir skip opts; do
  for f in tests/fuzz/corpus/$dir/*; do
    [ -e "$f" ] || continue
    tail -c +"$((skip + 1))" "$f" > "$tmp/in"
    # shellcheck disable=SC2086
    "$cli" decode --proto "$proto" $opts "$tmp/in" 2>/dev/null | head -n 1 > "$tmp/doc" || true
    [ -s "$tmp/doc" ] || continue
    cp "$tmp/doc" "$out/$proto${opts:+-typed}-$(basename "$f" .bin).json"
  done
done <<'LIST'
packet frames 0
dhcp6 dhcp6 0
dhcp6 dhcp6 0 --typed
bgp bgp 1
bmp bmp 1
ancp ancp 0
mrt mrt 0
openflow openflow 0
LIST
ls "$out" | wc -l
