#!/usr/bin/env bash
# The one command that checks everything: prerequisites, formatting, build (warnings are errors),
# knowledge validation, and every test (unit, HTTP on loopback, real browser).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/install-prerequisites.sh
bash scripts/restore-webchat.sh
dotnet tool restore >/dev/null
echo "== format"
dotnet format ChatBot.sln --verify-no-changes
echo "== build"
dotnet build ChatBot.sln -c Release -warnaserror -nologo -v q
echo "== knowledge"
dotnet src/ChatBot.Cli/bin/Release/net10.0/chatbot.dll index --check
echo "== tests"
log="$(mktemp)"
set +e
dotnet test ChatBot.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { gsub(",", "", f); printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
