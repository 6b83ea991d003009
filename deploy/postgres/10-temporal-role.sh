#!/bin/sh
# Run once by the postgres image on a new data volume (/docker-entrypoint-initdb.d): Temporal's own database user,
# which creates and owns Temporal's databases (temporal, temporal_visibility) and nothing else. The services' login
# role (kybaocao_app: SELECT/INSERT on the event store) is provisioned by the migrate job, which also sets its
# password on every run. The password goes through a psql variable (:'pw'), so any character is safe in it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION PASSWORD :'pw';
SQL
