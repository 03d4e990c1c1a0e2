#!/usr/bin/env bash
# Stages the root file system of the local Node.js image into <dir>/rootfs and copies
# node.Containerfile to <dir>/Containerfile. NODE_BINARY picks the Node.js binary (default: the
# `node` on PATH); npm is the machine's own.
#
#   NODE_BINARY=/path/to/node scripts/podman/stage-node-rootfs.sh <dir>
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONTEXT="${1:?usage: stage-node-rootfs.sh <dir>}"
ROOTFS="$CONTEXT/rootfs"
NODE="${NODE_BINARY:-$(command -v node)}"
[ -x "$NODE" ] || { echo "stage-node-rootfs: no executable Node.js binary at $NODE" >&2; exit 1; }
NPM_DIR="$(npm root --global)/npm"
# What npm and pnpm run besides node: lifecycle scripts go through sh, package bins start with
# `#!/usr/bin/env node`, and pnpm's bin shims call dirname, sed and uname. The rest are the everyday
# commands a Dockerfile's RUN step may use.
TOOLS=(env dirname basename sed uname cat cp ln ls mkdir mv rm chmod chown id)

rm -rf "$CONTEXT"
mkdir -p "$ROOTFS/usr/local/bin" "$ROOTFS/usr/local/lib/node_modules" "$ROOTFS/usr/bin" "$ROOTFS/bin" \
  "$ROOTFS/etc/ssl/certs" "$ROOTFS/tmp" "$ROOTFS/root" "$ROOTFS/home/node"
chmod 1777 "$ROOTFS/tmp"
chmod 0700 "$ROOTFS/root"

cp -L "$NODE" "$ROOTFS/usr/local/bin/node"
cp -RL "$NPM_DIR" "$ROOTFS/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"

cp -L "$(command -v dash)" "$ROOTFS/bin/sh"
binaries=("$NODE" "$(command -v dash)")
for tool in "${TOOLS[@]}"; do
  path="$(command -v "$tool")"
  cp -L "$path" "$ROOTFS/usr/bin/$tool"
  binaries+=("$path")
done
for library in $(for binary in "${binaries[@]}"; do ldd "$binary" | grep -o '/[^ ]*'; done | sort -u); do
  mkdir -p "$ROOTFS$(dirname "$library")"
  cp -L "$library" "$ROOTFS$library"
done

# The machine's trust store: it may hold a CA of an egress proxy that npm must accept.
cp -L /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$ROOTFS/etc/group"
chown 1000:1000 "$ROOTFS/home/node"

cp "$HERE/node.Containerfile" "$CONTEXT/Containerfile"
