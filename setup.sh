#!/usr/bin/env bash
# One command to install and run Transcriptor, or to install and test it, on Debian/Ubuntu.
#   ./setup.sh --start   install what the app needs, build, launch it (browser host if no Electron)
#   ./setup.sh --test    install what the tests need, build, run every check (what CI runs)
#   ./setup.sh --stop    stop an instance started with --start
# Idempotent: a second run with everything present takes seconds.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RUN_DIR="$ROOT/.run"
PID_FILE="$RUN_DIR/transcriptor.pid"

log() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) to run: $*"; return 1
  fi
}

# Debian packages: the engine, ffmpeg, test speech, audio tools and the browser for e2e tests.
ensure_system_packages() {
  local want=() 
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || want+=(ffmpeg)
  command -v pocketsphinx >/dev/null || command -v pocketsphinx_continuous >/dev/null || want+=(pocketsphinx)
  [ -d /usr/share/pocketsphinx/model/en-us ] || want+=(pocketsphinx-en-us)
  [ -d /usr/share/pocketsphinx/test/data/librivox ] || want+=(pocketsphinx-testdata)
  command -v sox >/dev/null || want+=(sox)
  command -v espeak-ng >/dev/null || want+=(espeak-ng)
  if [ "${1:-}" = test ]; then
    command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || want+=(chromium)
    # The speaker tests build synthetic ONNX models (tests/support/speakerModels).
    /usr/bin/python3 -c 'import onnx' 2>/dev/null || want+=(python3-onnx)
    # The https download test makes its mirror's certificate (tests/integration/models/https.test.ts).
    command -v openssl >/dev/null || want+=(openssl)
    # The system-audio tests run a PulseAudio server of their own (tests/support/pulseAudio.ts).
    command -v pulseaudio >/dev/null || want+=(pulseaudio)
    command -v paplay >/dev/null && command -v pactl >/dev/null || want+=(pulseaudio-utils)
  fi
  # whisper.cpp built for this CPU runs 6-10x faster than the prebuilt baseline addon
  # (scripts/whisper-native.mjs): its tools are wanted where apt can bring them, never required.
  local optional=()
  command -v cmake >/dev/null || optional+=(cmake)
  command -v make >/dev/null || optional+=(make)
  command -v cc >/dev/null && command -v c++ >/dev/null || optional+=(g++)
  if ! command -v apt-get >/dev/null; then
    [ ${#optional[@]} = 0 ] ||
      log "whisper.cpp will run its slower prebuilt build: no ${optional[*]} (install a C/C++ compiler and cmake, then run this again)"
    [ ${#want[@]} = 0 ] && return 0
    log "missing system packages (${want[*]}) and no apt-get: install them with your package manager"
    return 1
  fi
  [ ${#want[@]} = 0 ] || apt_install "${want[@]}" || return 1
  [ ${#optional[@]} = 0 ] || apt_install "${optional[@]}" ||
    log "whisper.cpp will run its slower prebuilt build: ${optional[*]} could not be installed"
}

apt_install() {
  log "installing system packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || {
    as_root apt-get update -qq >/dev/null &&
      as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  }
}

# npm packages. The Electron binary cannot be downloaded everywhere: install without it, then
# try to fetch it separately so a failed download never fails the install.
ensure_node_modules() {
  local stamp=node_modules/.package-lock.json
  if [ -L node_modules ]; then
    # A linked node_modules is shared with another checkout: npm ci would empty the shared one.
    log "node_modules is a link to $(readlink node_modules): not reinstalling it from here"
  elif [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    log "npm ci"
    # JOBS: node-gyp compiles better-sqlite3 (its prebuilt comes from GitHub, out of reach on some
    # machines) on every core, SQLite beside the addon, instead of one file after the other. The
    # local prebuilds folder holds the addon this machine built before (scripts/native.mjs).
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 JOBS=max \
      npm_config_better_sqlite3_local_prebuilds="$(node scripts/native.mjs prebuilds-dir)" \
      npm ci --no-audit --no-fund --loglevel=error
  fi
  node scripts/native.mjs node
}

try_fetch_electron() {
  [ -n "$(electron_binary)" ] && return 0
  log "fetching the Electron binary (optional)"
  (cd node_modules/electron && timeout 120 node install.js >/dev/null 2>&1) || true
}

electron_binary() {
  node -e "try{const p=require('electron');if(require('fs').existsSync(p))console.log(p)}catch{}" 2>/dev/null
}

build() { node scripts/build-if-stale.mjs; }

# Runs the named checks two at a time (this is built for 2-core machines), each one's output kept
# apart: shown whole if it fails, its test counts if it passes. Longest first. Each argument:
# "name command...".
run_two_at_a_time() {
  local dir failed=0 running=0 done_pid
  declare -A name_of
  dir=$(mktemp -d)
  report() {
    local n=${name_of[$1]}
    if [ "$(cat "$dir/$n.rc")" = 0 ]; then
      sed 's/\x1b\[[0-9;]*m//g' "$dir/$n" | grep -aE '^ *(Test Files|Tests|Duration) ' |
        sed "s/^ */[$n] /" >&2 || true
      log "$n: ok"
    else cat "$dir/$n" >&2; log "$n failed"; failed=1; fi
  }
  for check in "$@"; do
    if [ $running = 2 ]; then wait -n -p done_pid || true; report "$done_pid"; running=1; fi
    local name=${check%% *}
    # set -e reaches this subshell: a failing check must still leave its code for report().
    (
      rc=0
      bash -c "${check#* }" >"$dir/$name" 2>&1 || rc=$?
      echo $rc >"$dir/$name.rc"
    ) &
    name_of[$!]=$name; running=$((running + 1))
  done
  while [ $running -gt 0 ]; do
    wait -n -p done_pid || true
    report "$done_pid"
    running=$((running - 1))
  done
  rm -rf "$dir"
  return $failed
}
# whisper.cpp's addon built for this CPU where cmake and a C/C++ compiler exist (about 180 CPU-s,
# once; a re-run checks a stamp in milliseconds). Without them, or if it fails, the prebuilt
# baseline build runs and `transcriptor doctor` says so. Never fails setup. It needs nothing from
# node_modules, so it starts before `npm ci`, whose compile of SQLite leaves one core idle for
# about a minute (measured: npm ci 87 s, 56 % of two cores busy). --test builds it too: the tests
# then run the build users run, and the prebuilt baseline (no AVX) made whisper's translate test
# run past its 2-minute limit once.
#   start_whisper_build   starts it in the background, holding a lock until it ends
#   whisper_build         waits for it (or runs it, if it was not started) and shows its output
WHISPER_LOCK="$ROOT/.native/whisper-build.lock"
WHISPER_LOG="$ROOT/.native/whisper-build.log"
start_whisper_build() {
  mkdir -p "$ROOT/.native"
  # The lock is taken here, before the background job exists, so no waiter can see it free
  # first; the job inherits the locked descriptor and the lock ends when the job does.
  exec 9>"$WHISPER_LOCK"
  flock 9
  (node scripts/whisper-native.mjs >"$WHISPER_LOG" 2>&1 || true) &
  # Out of the job table: run_two_at_a_time's `wait -n` waits for its own checks only.
  disown $!
  exec 9>&-
}
whisper_build() {
  if [ -f "$WHISPER_LOG" ]; then
    flock "$WHISPER_LOCK" cat "$WHISPER_LOG"
    rm -f "$WHISPER_LOG"
  else
    node scripts/whisper-native.mjs
  fi
}
# The checks below run in child shells.
export -f whisper_build
export WHISPER_LOCK WHISPER_LOG

run_tests() {
  # The build is only needed from the integration tests on: it runs beside the static checks.
  log "whisper.cpp for this CPU, unit, lint, typecheck, format, build (two at a time)"
  # Longest first (measured CPU-s: whisper.cpp 180 on both cores, started beside npm ci, lint 60,
  # typecheck 39, unit 27 on both (69 before its files shared a module cache), format 19,
  # build 3): with the build first, unit started last and ran alone for its last 40 s.
  run_two_at_a_time \
    "whisper whisper_build" \
    "unit npx vitest run --project unit --project unit-isolated" \
    "lint npm run -s lint" \
    "typecheck npm run -s typecheck" \
    "format npx prettier --check . || { echo 'formatting differs: npm run format'; exit 1; }" \
    "build node scripts/build-if-stale.mjs"
  # Each project runs its files one at a time, and each spends much of its time waiting on real
  # processes, servers and a browser: side by side they fill the two cores (measured: 15 min one
  # after the other, 6.5 min side by side). The lanes are balanced by measured time: integration
  # ended some 40 s after e2e (658 vs 620 + 25 s), so the model-download files (~25 s, loopback
  # HTTP) and the passage redo file (~16 s) run after e2e in its lane. Their output still names
  # them integration.
  log "integration and e2e (side by side)"
  local late=(tests/integration/models tests/integration/cli/passageRedo.test.ts)
  run_two_at_a_time \
    "integration npx vitest run --project integration --exclude '${late[0]}/**' --exclude '${late[1]}'" \
    "e2e rc=0; npx vitest run --project e2e || rc=1; npx vitest run --project integration ${late[*]} || rc=1; exit \$rc"
  if [ -n "$(electron_binary)" ]; then
    log "electron"; TRANSCRIPTOR_ELECTRON_TESTS=1 npx vitest run --project electron
  else
    log "Electron-level tests (tests/electron) not run: no Electron binary here (set up a machine that can download it, then: TRANSCRIPTOR_ELECTRON_TESTS=1 npx vitest run --project electron)"
  fi
}

start() {
  mkdir -p "$RUN_DIR"
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    log "already running (pid $(cat "$PID_FILE")); ./setup.sh --stop first"; return 0
  fi
  if [ -n "$(electron_binary)" ]; then
    node scripts/native.mjs electron
    log "starting Transcriptor (log: $RUN_DIR/app.log)"
    # Chromium refuses to run as root with its sandbox on; a root session is a dev machine here.
    local flags=(); [ "$(id -u)" = 0 ] && flags+=(--no-sandbox)
    nohup "$(electron_binary)" "$ROOT" "${flags[@]}" >"$RUN_DIR/app.log" 2>&1 &
    echo $! >"$PID_FILE"
    return 0
  fi
  cat >&2 <<'MSG'

Transcriptor's desktop window needs the Electron binary, and it could not be downloaded on this
machine (no access to Electron's release downloads). Everything else is installed and built. Two
ways to use the app here: the command line (`npx transcriptor transcribe FILE...`, `npx
transcriptor jobs list`, `npx transcriptor doctor`), or the same interface in a browser: the
browser host is starting now on 127.0.0.1 only; open the URL it prints below (it carries a
one-time token). `./setup.sh --stop` stops it.

MSG
  nohup node out/main/webHost.js >"$RUN_DIR/app.log" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 50); do
    grep -m1 -o 'http://127.0.0.1:[^ ]*' "$RUN_DIR/app.log" 2>/dev/null && return 0
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { cat "$RUN_DIR/app.log" >&2; return 1; }
    sleep 0.2
  done
  log "the browser host did not print its URL; see $RUN_DIR/app.log"
}

stop() {
  if [ ! -f "$PID_FILE" ] || ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    rm -f "$PID_FILE"; log "not running"; return 0
  fi
  local pid; pid=$(cat "$PID_FILE")
  kill -TERM "$pid"
  # The app stops every job tree before it exits; give it that time, then insist.
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped"; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"; log "did not stop within 10 s: killed"
}

case "${1:-}" in
  --start) ensure_system_packages start; start_whisper_build; ensure_node_modules; try_fetch_electron; whisper_build; build; start ;;
  --test) ensure_system_packages test; start_whisper_build; ensure_node_modules; run_tests ;;
  --stop) stop ;;
  *) echo "usage: $0 --start | --test | --stop" >&2; exit 2 ;;
esac
