#!/usr/bin/env bash
# National-records benchmark (see README): copies knowledge/ to a temporary folder, imports the records file given
# as the first argument into procedures/imported, times the import and the build (load, index, classifier), asks
# long-tail questions through the conversation pipeline, times retrieval on the dev set, checks that curated answers
# stay on top, and reports process memory. Extra arguments pass through, e.g. --levels xa,tinh --queries 2000 --keep.
set -euo pipefail
if [[ $# -lt 1 ]]; then
    echo "usage: $0 RECORDS.jsonl [--levels xa,tinh] [--queries 2000] [--keep]" >&2
    exit 2
fi
file="$(realpath "$1")"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/ChatBot.Bench -c Release -nologo -v q >/dev/null
exec dotnet src/ChatBot.Bench/bin/Release/net10.0/ChatBot.Bench.dll national "$file" "$@"
