#!/usr/bin/env bash
# IMDb import benchmark: generates a synthetic dump of the real shape, imports
# it with `reel import imdb` into a fresh SQLite file and a fresh PostgreSQL
# schema, and compares title.basics against the engines' own bulk loaders
# (sqlite3's .import and psql's \copy into a bare table), the practical
# ceiling. Prints rows/s, ratios, reel's peak RSS and the database sizes.
# Figures and the machine they came from: docs/performance.md.
#
# usage: bench/import.sh [TITLES]        (default 2000000)
# env:   RUNS=3                           runs of each title.basics contender (median shown)
#        WORK=/tmp/reel-bench-import     where the dump and databases go
#        PG=postgres://postgres@127.0.0.1:5432/test   ("" skips PostgreSQL)
#        REEL=path                        a reel binary to use instead of building one
#
# It installs nothing. It needs Go, the sqlite3 shell (Debian: apt-get install
# sqlite3) and, for the PostgreSQL half, psql (apt-get install postgresql-client)
# and a server at $PG.
set -euo pipefail

TITLES=${1:-2000000}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/reel-bench-import}
PG=${PG-postgres://postgres@127.0.0.1:5432/test}
cd "$(dirname "$0")/.."

die() { echo "import.sh: $*" >&2; exit 1; }
command -v go >/dev/null || die "go is not installed"
command -v sqlite3 >/dev/null || die "the sqlite3 shell is needed for the ceiling (Debian: apt-get install sqlite3)"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed to measure peak RSS (Debian: apt-get install time)"
if [ -n "$PG" ]; then
	if ! command -v psql >/dev/null; then
		echo "import.sh: psql not found (Debian: apt-get install postgresql-client): skipping PostgreSQL" >&2
		PG=""
	elif ! psql "$PG" -qAtc "SELECT 1" >/dev/null 2>&1; then
		echo "import.sh: cannot reach PostgreSQL at ${PG/:*@/://***@}: skipping PostgreSQL" >&2
		PG=""
	fi
fi

mkdir -p "$WORK"
# reel itself when it builds; otherwise bench/imdbimport, which calls the same
# imdb.ImportDir with the same options and prints the same summary.
if [ -n "${REEL:-}" ]; then
	IMPORT=("$REEL" import)
elif go build -o "$WORK/reel" ./cmd/reel 2>/dev/null; then
	IMPORT=("$WORK/reel" import)
else
	echo "import.sh: ./cmd/reel does not build here; using ./bench/imdbimport (same imdb.ImportDir)" >&2
	go build -o "$WORK/imdbimport" ./bench/imdbimport
	IMPORT=("$WORK/imdbimport")
fi
run_import() { # DSN DIR: import, print "seconds peak_kib cpu_seconds"
	local dsn=$1 dir=$2
	if [ "${IMPORT[1]:-}" = import ]; then
		/usr/bin/time -o "$WORK/time" -f "%e %M %U %S" "${IMPORT[@]}" --db "$dsn" imdb "$dir" >"$WORK/summary" 2>"$WORK/log"
	else
		/usr/bin/time -o "$WORK/time" -f "%e %M %U %S" "${IMPORT[@]}" --db "$dsn" "$dir" >"$WORK/summary" 2>"$WORK/log"
	fi
	awk '{ printf "%s %s %.1f\n", $1, $2, $3 + $4 }' "$WORK/time"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

DUMP="$WORK/dump-$TITLES"
if [ ! -f "$DUMP/.done" ]; then
	rm -rf "$DUMP"
	go run ./bench/imdbgen -titles "$TITLES" -out "$DUMP"
	touch "$DUMP/.done"
fi
mkdir -p "$WORK/basics-only"
ln -sf "$DUMP/title.basics.tsv" "$WORK/basics-only/title.basics.tsv"
BASICS_ROWS=$(($(wc -l <"$DUMP/title.basics.tsv"))) # header line = the missing final newline
ALL_ROWS=0
for f in "$DUMP"/*.tsv; do ALL_ROWS=$((ALL_ROWS + $(wc -l <"$f"))); done
cat "$DUMP"/*.tsv >/dev/null # same warm page cache for every contender

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reel: ${IMPORT[*]}"
echo "dump: $TITLES titles, $ALL_ROWS rows, $(du -sh "$DUMP" | cut -f1); $(sqlite3 --version | cut -d' ' -f1-2); $(go version | cut -d' ' -f3)"
echo

# --- SQLite -----------------------------------------------------------------
# The title.basics contenders run alternately, RUNS times each, so that the
# load of a shared machine falls on both alike; medians are shown.
ceil_runs=() b_runs=() b_rss=0 b_cpus=()
for run in $(seq "$RUNS"); do
	rm -f "$WORK/ceiling.db"
	sqlite3 "$WORK/ceiling.db" "CREATE TABLE basics (tconst TEXT, titleType TEXT, primaryTitle TEXT,
		originalTitle TEXT, isAdult TEXT, startYear TEXT, endYear TEXT, runtimeMinutes TEXT, genres TEXT)"
	# ascii mode with tab and newline separators: no quote processing, as the dumps need.
	read -r s _ < <(/usr/bin/time -f "%e %M" sqlite3 "$WORK/ceiling.db" \
		".mode ascii" ".separator \"\t\" \"\n\"" ".import --skip 1 $DUMP/title.basics.tsv basics" 2>&1 >/dev/null | tail -1)
	ceil_runs+=("$s")
	rm -f "$WORK/basics.db"*
	read -r s rss cpu < <(run_import "$WORK/basics.db" "$WORK/basics-only")
	b_runs+=("$s") b_cpus+=("$cpu")
	b_rss=$((rss > b_rss ? rss : b_rss))
done
ceil_s=$(printf '%s\n' "${ceil_runs[@]}" | median)
b_s=$(printf '%s\n' "${b_runs[@]}" | median)
b_cpu=$(printf '%s\n' "${b_cpus[@]}" | median)
ceil_rate=$(rate "$BASICS_ROWS" "$ceil_s")
b_rate=$(rate "$BASICS_ROWS" "$b_s")
echo "SQLite  title.basics  sqlite3 .import (bare table):      $ceil_s s  $ceil_rate rows/s   (runs: ${ceil_runs[*]})"
echo "SQLite  title.basics  reel import (+ keys and indexes):  $b_s s  $b_rate rows/s  = $(ratio "$b_rate" "$ceil_rate") of sqlite3  CPU $b_cpu s  peak RSS $(mib "$b_rss")   (runs: ${b_runs[*]})"

rm -f "$WORK/reel.db"*
read -r a_s a_rss a_cpu < <(run_import "$WORK/reel.db" "$DUMP")
echo "SQLite  whole dump    reel import:                       $a_s s  $(rate "$ALL_ROWS" "$a_s") rows/s  CPU $a_cpu s  peak RSS $(mib "$a_rss")  database $(du -m "$WORK/reel.db" | cut -f1) MiB"
cp "$WORK/summary" "$WORK/summary-sqlite.txt"

# --- PostgreSQL ---------------------------------------------------------------
if [ -n "$PG" ]; then
	sep='?'; case $PG in *\?*) sep='&' ;; esac
	fresh() { psql "$PG" -qc "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1" 2>/dev/null; }
	fresh reel_bench_ceiling
	psql "$PG" -qc "CREATE TABLE reel_bench_ceiling.basics (tconst TEXT, titleType TEXT, primaryTitle TEXT,
		originalTitle TEXT, isAdult TEXT, startYear TEXT, endYear TEXT, runtimeMinutes TEXT, genres TEXT)"
	# CSV with a tab delimiter and a quote character that never occurs: no
	# quote or backslash processing, as the dumps need.
	read -r pceil_s _ < <(/usr/bin/time -f "%e %M" psql "$PG" -qc "\\copy reel_bench_ceiling.basics FROM '$DUMP/title.basics.tsv' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', NULL '\\N', HEADER true)" 2>&1 >/dev/null | tail -1)
	pceil_rate=$(rate "$BASICS_ROWS" "$pceil_s")
	echo "Postgres title.basics psql \\copy (bare table):          $pceil_s s  $pceil_rate rows/s"

	fresh reel_bench_basics
	read -r pb_s pb_rss pb_cpu < <(run_import "$PG${sep}search_path=reel_bench_basics" "$WORK/basics-only")
	pb_rate=$(rate "$BASICS_ROWS" "$pb_s")
	echo "Postgres title.basics reel import (+ keys and indexes):  $pb_s s  $pb_rate rows/s  = $(ratio "$pb_rate" "$pceil_rate") of psql  reel CPU $pb_cpu s  peak RSS $(mib "$pb_rss")"

	fresh reel_bench_all
	read -r pa_s pa_rss pa_cpu < <(run_import "$PG${sep}search_path=reel_bench_all" "$DUMP")
	size=$(psql "$PG" -qAtc "SELECT pg_size_pretty(SUM(pg_total_relation_size(c.oid))) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'reel_bench_all' AND c.relkind = 'r'")
	echo "Postgres whole dump   reel import:                       $pa_s s  $(rate "$ALL_ROWS" "$pa_s") rows/s  reel CPU $pa_cpu s  peak RSS $(mib "$pa_rss")  database $size"
	cp "$WORK/summary" "$WORK/summary-postgres.txt"
	for s in reel_bench_ceiling reel_bench_basics reel_bench_all; do psql "$PG" -qc "SET client_min_messages = warning" -c "DROP SCHEMA $s CASCADE"; done
fi
echo
echo "reel's summary of the SQLite import: $WORK/summary-sqlite.txt"
