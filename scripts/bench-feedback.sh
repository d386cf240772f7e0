#!/usr/bin/env bash
# Staff pages and topic grouping on a seeded database (see README). Extra arguments pass through, e.g.
# --records 100000 --requests 200 --paths /staff,/staff/reports
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/ChatBot.Bench -c Release -nologo -v q >/dev/null
exec dotnet src/ChatBot.Bench/bin/Release/net10.0/ChatBot.Bench.dll feedback "$@"
