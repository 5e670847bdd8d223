# Shared by the scripts in scripts/: paths, messages, and which way services run here.
# shellcheck shell=bash

SAGAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SAGAS_ROOT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MASSTRANSIT_USAGE_TELEMETRY=false

say()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# Docker when an engine answers; otherwise the system's own packages.
services_mode() {
  if [ -n "${SAGAS_SERVICES_MODE:-}" ]; then
    echo "$SAGAS_SERVICES_MODE"
  elif command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1; then
    echo docker
  else
    echo system
  fi
}

# Credentials differ by mode: RabbitMQ's guest account only works over loopback, which a
# container's published port is not, so docker-compose.yml sets accounts of its own.
load_service_credentials() {
  if [ "$(services_mode)" = docker ]; then
    : "${SAGAS_RABBITMQ_USER:=sagas}" "${SAGAS_RABBITMQ_PASSWORD:=sagas-local-dev}"
    : "${SAGAS_POSTGRES_PASSWORD:=sagas-local-dev}"
  else
    : "${SAGAS_RABBITMQ_USER:=guest}" "${SAGAS_RABBITMQ_PASSWORD:=guest}"
    : "${SAGAS_POSTGRES_PASSWORD:=sagas}"
  fi
  export SAGAS_RABBITMQ_USER SAGAS_RABBITMQ_PASSWORD SAGAS_POSTGRES_PASSWORD
  export Sagas__RabbitMq__Username="$SAGAS_RABBITMQ_USER" Sagas__RabbitMq__Password="$SAGAS_RABBITMQ_PASSWORD"
  # Loopback only, so no TLS (it cost 14% of the orchestrator's CPU per step in the bench).
  export Sagas__Postgres__ConnectionString="Host=127.0.0.1;Port=5432;Database=${SAGAS_POSTGRES_DATABASE:-sagas};Username=sagas;Password=$SAGAS_POSTGRES_PASSWORD;SSL Mode=Disable"
}

# The vhost and database the tests use, so a demo node never consumes a test's messages.
SAGAS_TEST_VHOST=sagas-test
SAGAS_TEST_DATABASE=sagas_test

# Runs a command that starts a long-lived service with no open file of ours but stdin, stdout and
# stderr. A daemon inherits its starter's files: a PostgreSQL restarted by scripts/chaos kept the
# lock file of a `flock` that wrapped the CI run, and held that lock until it stopped.
without_inherited_files() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    exec "$@"
  )
}
