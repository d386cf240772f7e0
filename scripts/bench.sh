#!/usr/bin/env bash
# Direct Line turn benchmark against the bare endpoint on the same host (see README). Extra arguments pass
# through, e.g. --concurrency 32 --seconds 20.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/ChatBot.Bench -c Release -nologo -v q >/dev/null
exec dotnet src/ChatBot.Bench/bin/Release/net10.0/ChatBot.Bench.dll "$@"
