#!/usr/bin/env bash
# Restores the official Bot Framework Web Chat bundle from npm into the host's wwwroot, so the page
# never loads a CDN at run time. The tarball's integrity is checked against the pinned hash.
set -euo pipefail
version="4.18.1"
integrity="sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg=="
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/src/ChatBot.Host/wwwroot/webchat"
if [ -f "$target/webchat.js" ] && grep -q "$version" "$target/VERSION" 2>/dev/null; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required to restore botframework-webchat (install Node.js)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "botframework-webchat@$version" --silent >/dev/null)
tarball="$work/botframework-webchat-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "botframework-webchat $version: integrity mismatch ($actual)" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/dist/webchat.js package/dist/webchat.js.LICENSE.txt package/package.json
mkdir -p "$target"
cp "$work/package/dist/webchat.js" "$work/package/dist/webchat.js.LICENSE.txt" "$target/"
cp "$work/package/package.json" "$target/package.json"
gzip -9 -k -f "$target/webchat.js"
echo "$version" > "$target/VERSION"
echo "botframework-webchat $version restored into $target"
