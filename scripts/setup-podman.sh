#!/usr/bin/env bash
# Gives testcontainers a Docker-compatible engine on a Debian machine without Docker: rootful podman
# with project-local configuration, locally built Redis and Node.js images (no registry needed) and
# the podman API service on a unix socket. Idempotent; run as root.
#
#   scripts/setup-podman.sh          set up (or check) everything, then: source .podman/env
#   scripts/setup-podman.sh --stop   stop the API service started here, and --prune
#   scripts/setup-podman.sh --prune [LABEL]
#                                    remove the kit's images nothing needs any more: untagged and
#                                    unused ones built on its base images (build stages, replaced
#                                    builds); LABEL (key or key=value) narrows that to fewer images
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.podman"
SOCK="$STATE/podman.sock"
PID_FILE="$STATE/service.pid"
SERVICE_LOG="$STATE/service.log"
REDIS_IMAGE="localhost/redis:7-local"
PACKAGES=(podman runc uidmap slirp4netns fuse-overlayfs netavark aardvark-dns containernetworking-plugins iptables redis-server curl ca-certificates)

# Image storage lives outside the checkout: build contexts and linters walk the tree.
STORAGE="${KIT_PODMAN_STORAGE:-/var/lib/elasticache-driver-kit/podman}"
RUNROOT="${KIT_PODMAN_RUNROOT:-/run/elasticache-driver-kit/podman}"
# --prune also works on the engine the caller's environment names (e.g. after `source .podman/env`).
CALLER_CONTAINERS_CONF="${CONTAINERS_CONF:-}"
CALLER_CONTAINERS_STORAGE_CONF="${CONTAINERS_STORAGE_CONF:-}"
export CONTAINERS_CONF="$STATE/containers.conf"
export CONTAINERS_STORAGE_CONF="$STATE/storage.conf"

say() { printf 'setup-podman: %s\n' "$*"; }
# shellcheck source=scripts/ci/step.sh
source "$ROOT/scripts/ci/step.sh"
export STEP_PREFIX=setup-podman
die() {
  printf 'setup-podman: error: %s\n' "$*" >&2
  exit 1
}

service_answers() {
  [ -S "$SOCK" ] && curl --silent --fail --max-time 2 --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1
}

stop_service() {
  if [ -f "$PID_FILE" ]; then
    local pid
    pid="$(cat "$PID_FILE")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "stopped the podman API service (pid $pid)"
    fi
    rm -f "$PID_FILE"
  else
    say "no podman API service started from $STATE is running"
  fi
  rm -f "$SOCK"
}

install_packages() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    say "packages present"
    return
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} with your package manager"
  export DEBIAN_FRONTEND=noninteractive
  step "updating the package lists" apt-get update -qq
  step "installing ${missing[*]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

write_config() {
  mkdir -p "$STORAGE" "$RUNROOT"
  # runc because crun 1.8 fails on hybrid cgroups; cgroupfs and file events because there is no
  # systemd; explicit ulimits because the defaults ask for more than the hard nofile limit here.
  cat >"$CONTAINERS_CONF" <<EOF
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
EOF
  cat >"$CONTAINERS_STORAGE_CONF" <<EOF
[storage]
driver = "overlay"
graphroot = "$STORAGE"
runroot = "$RUNROOT"
EOF
}

stage_rootfs() {
  local context="$1" rootfs="$1/rootfs"
  rm -rf "$context"
  mkdir -p "$rootfs/usr/bin" "$rootfs/usr/local/bin" "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" \
    "$rootfs/usr/local/etc/redis" "$context/data"
  chmod 1777 "$rootfs/tmp"
  cp -L /usr/bin/redis-server /usr/bin/redis-cli "$rootfs/usr/bin/"
  cp -L /usr/bin/dash "$rootfs/bin/sh"
  cp "$ROOT/scripts/podman/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
  chmod 0755 "$rootfs/usr/local/bin/docker-entrypoint.sh"
  local binary library
  for library in $(for binary in /usr/bin/redis-server /usr/bin/redis-cli /usr/bin/dash; do
    ldd "$binary" | grep -o '/[^ ]*'
  done | sort -u); do
    mkdir -p "$rootfs$(dirname "$library")"
    cp -L "$library" "$rootfs$library"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nredis:x:999:999::/data:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nredis:x:999:\n' >"$rootfs/etc/group"
  cp "$ROOT/scripts/podman/Containerfile" "$context/Containerfile"
}

# build_image IMAGE SOURCE_HASH WHAT STAGE_COMMAND...: builds IMAGE from the context STAGE_COMMAND
# stages into the directory appended to it, unless the image already carries SOURCE_HASH; the image
# it replaces is removed. WHAT describes the sources for the log.
build_image() {
  local image="$1" source_hash="$2" what="$3"
  shift 3
  local current previous
  current="$(podman image inspect --format '{{ index .Labels "org.elasticache-driver-kit.source" }}' "$image" 2>/dev/null || true)"
  if [ "$current" = "$source_hash" ]; then
    say "image $image is up to date"
    return
  fi
  previous="$(podman image inspect --format '{{ .Id }}' "$image" 2>/dev/null || true)"
  local context="$STATE/build"
  "$@" "$context"
  step "building $image from $what" podman build --quiet --pull=never \
    --label "org.elasticache-driver-kit.source=$source_hash" -t "$image" -f "$context/Containerfile" "$context"
  rm -rf "$context"
  if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{ .Id }}' "$image")" ]; then
    podman rmi "$previous" >/dev/null 2>&1 || say "could not remove the replaced image $previous (still in use?)"
  fi
}

build_redis_image() {
  local source_hash
  source_hash="$(cat /usr/bin/redis-server "$ROOT/scripts/podman/Containerfile" \
    "$ROOT/scripts/podman/docker-entrypoint.sh" | sha256sum | cut -c1-64)"
  build_image "$REDIS_IMAGE" "$source_hash" "$(redis-server --version | cut -d' ' -f1-3)" stage_rootfs
}

# The base image the driver and sample-app Dockerfiles build on (NODE_IMAGE build argument): the
# current Node.js LTS, from the npm registry's binary package when the machine runs an older Node.
NODE_MAJOR=24
build_node_image() {
  command -v node >/dev/null || die "node not found; install Node.js first"
  local binary
  binary="$(node "$ROOT/scripts/node-binary.mjs" "$NODE_MAJOR")" || die "no Node.js $NODE_MAJOR binary for the base image"
  NODE_IMAGE="localhost/node:$NODE_MAJOR-local"
  local source_hash
  source_hash="$(cat "$binary" "$(npm root --global)/npm/package.json" /etc/ssl/certs/ca-certificates.crt \
    "$ROOT/scripts/podman/node.Containerfile" "$ROOT/scripts/podman/stage-node-rootfs.sh" | sha256sum | cut -c1-64)"
  build_image "$NODE_IMAGE" "$source_hash" "node $("$binary" --version), npm $(npm --version)" \
    env NODE_BINARY="$binary" bash "$ROOT/scripts/podman/stage-node-rootfs.sh"
}

# Every image built on the kit's base images carries their label. Untagged ones that no container
# uses are build stages of finished builds and images replaced by newer ones: nothing needs them.
prune_images() {
  local label="${1:-org.elasticache-driver-kit.source}"
  [ -f "$CONTAINERS_CONF" ] || return 0
  local ids
  ids="$(podman images --quiet --no-trunc --filter dangling=true --filter "label=$label")"
  if [ -z "$ids" ]; then
    say "no unused kit images to remove"
    return
  fi
  local id removed=0
  for id in $ids; do
    # One a build still uses stays, for the next prune.
    podman rmi "$id" >/dev/null 2>&1 && removed=$((removed + 1))
  done
  say "removed $removed unused kit image(s): untagged build stages and replaced images"
}

start_service() {
  if service_answers; then
    say "podman API service already answers on $SOCK"
    return
  fi
  rm -f "$SOCK"
  setsid nohup podman system service --time=0 "unix://$SOCK" >"$SERVICE_LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 100); do
    service_answers && break
    sleep 0.1
  done
  service_answers || die "the podman API service did not answer on $SOCK; see $SERVICE_LOG"
  say "podman API service answers on $SOCK (pid $(cat "$PID_FILE"))"
}

write_env() {
  cat >"$STATE/env" <<EOF
export DOCKER_HOST=unix://$SOCK
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export LOCAL_REDIS_IMAGE=$REDIS_IMAGE
export KIT_NODE_IMAGE=$NODE_IMAGE
export CONTAINERS_CONF=$CONTAINERS_CONF
export CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF
EOF
  say "wrote $STATE/env (source it before running container tests)"
}

main() {
  case "${1:-}" in
    --stop)
      stop_service
      prune_images
      return
      ;;
    --prune)
      if [ ! -f "$CONTAINERS_CONF" ] && [ -n "$CALLER_CONTAINERS_CONF" ]; then
        export CONTAINERS_CONF="$CALLER_CONTAINERS_CONF" CONTAINERS_STORAGE_CONF="$CALLER_CONTAINERS_STORAGE_CONF"
      fi
      prune_images "${2:-}"
      return
      ;;
    "") ;;
    *) die "unknown argument '$1' (use --stop, --prune or nothing)" ;;
  esac
  [ "$(id -u)" -eq 0 ] || die "run as root (rootful podman); e.g. sudo $0"
  mkdir -p "$STATE"
  install_packages
  write_config
  build_redis_image
  build_node_image
  prune_images
  start_service
  write_env
}

main "$@"
