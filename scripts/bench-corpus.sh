#!/usr/bin/env bash
# Synthetic-corpus benchmark (see README): generates N documents from the real knowledge's words in a temporary
# folder, times the build (load, index, classifier) and retrieval, and reports process memory. Extra arguments
# pass through, e.g. --documents 5000 --queries 2000 --seed 20261124 --keep.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/ChatBot.Bench -c Release -nologo -v q >/dev/null
exec dotnet src/ChatBot.Bench/bin/Release/net10.0/ChatBot.Bench.dll corpus "$@"
