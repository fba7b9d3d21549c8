# Sourced by .ci/run: a throw-away PostgreSQL server for the backend tests.
#
# Why here and not in the tests: initdb refuses to run as root and needs the server binaries,
# which only the CI script may install (Debian's package). The server listens on 127.0.0.1 on a
# free port, lives in a temporary directory, and is stopped on exit. The tests read
# HARMWATCH_TEST_PG; when it is already set (a team's own server) nothing is started.

hw_pg_bindir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1; then
    d=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

hw_pg_start() {
  [ -n "${HARMWATCH_TEST_PG:-}" ] && return 0
  local bindir
  if ! bindir=$(hw_pg_bindir); then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      echo "postgres: installing Debian's postgresql package" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    bindir=$(hw_pg_bindir) || { echo "postgres: no initdb/pg_ctl found" >&2; return 1; }
  fi
  HW_PG_DIR=$(mktemp -d /tmp/harmwatch-pg.XXXXXX)
  local port as=()
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$HW_PG_DIR"
    as=(runuser -u postgres --)
  fi
  HW_PG_AS=("${as[@]}")
  HW_PG_CTL="$bindir/pg_ctl"
  "${as[@]}" "$bindir/initdb" -D "$HW_PG_DIR/data" -U harmwatch --auth=trust -E UTF8 \
    --no-locale >"$HW_PG_DIR/initdb.log" 2>&1 \
    || { cat "$HW_PG_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bindir/pg_ctl" -D "$HW_PG_DIR/data" -l "$HW_PG_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $HW_PG_DIR -c max_connections=200 -c fsync=off" start >/dev/null \
    || { cat "$HW_PG_DIR/server.log" >&2; return 1; }
  trap hw_pg_stop EXIT
  "${as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U harmwatch harmwatch_test
  export HARMWATCH_TEST_PG="postgresql+psycopg://harmwatch@127.0.0.1:$port/harmwatch_test"
  echo "postgres: test server at $HARMWATCH_TEST_PG" >&2
}

hw_pg_stop() {
  [ -n "${HW_PG_DIR:-}" ] || return 0
  "${HW_PG_AS[@]}" "$HW_PG_CTL" -D "$HW_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$HW_PG_DIR"
  HW_PG_DIR=
}
