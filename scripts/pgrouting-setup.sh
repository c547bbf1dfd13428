#!/usr/bin/env bash
# Prepares a local PostgreSQL with PostGIS and pgRouting for
# TestPgRoutingAgreement (internal/route) and prints the connection string
# to put in SAAVU_PGROUTING. Installs the Debian packages that are missing,
# creates and starts a cluster when none runs, and makes a database role
# for the current user (reached over the local socket, no password) and a
# scratch database. Needs root; safe to run again.
#
#   export SAAVU_PGROUTING="$(scripts/pgrouting-setup.sh)"
set -euo pipefail
db=saavu_check
me=$(id -un)

need=""
command -v pg_lsclusters >/dev/null 2>&1 || need="$need postgresql"
dpkg -s postgresql-postgis >/dev/null 2>&1 || need="$need postgresql-postgis"
dpkg -s postgresql-pgrouting >/dev/null 2>&1 || need="$need postgresql-pgrouting"
command -v ogr2ogr >/dev/null 2>&1 || need="$need gdal-bin"
if [ -n "$need" ]; then
  echo "pgrouting-setup: installing$need" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

if [ -z "$(pg_lsclusters -h)" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$ver" main >&2
fi
read -r ver name port status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != online ]; then
  pg_ctlcluster "$ver" "$name" start >&2
fi

as_postgres() { su postgres -c "$1"; }
if [ "$(as_postgres "psql -p $port -XtAc \"select 1 from pg_roles where rolname = '$me'\"")" != 1 ]; then
  as_postgres "createuser -p $port --superuser $me" >&2
fi
if [ "$(as_postgres "psql -p $port -XtAc \"select 1 from pg_database where datname = '$db'\"")" != 1 ]; then
  as_postgres "createdb -p $port -O $me $db" >&2
fi
echo "host=/var/run/postgresql port=$port dbname=$db"
