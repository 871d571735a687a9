#!/usr/bin/env bash
# Installs the userstream CLI built in SRC (./mvnw -pl cli -am package) into DEST, self-contained:
#   DEST/userstream                    the launcher, as in the repository
#   DEST/cli/target/cli-*.jar          the CLI
#   DEST/cli/lib/                      every entry of its runtime classpath, copied
#   DEST/cli/target/cli.classpath      that classpath, rewritten to DEST/cli/lib
# The build's cli.classpath names jars in the builder's Maven repository; after this, neither
# Maven nor that repository is needed. Used by deploy/airflow/Dockerfile.
#   deploy/airflow/stage-cli.sh SRC DEST
set -euo pipefail

SRC="${1:?usage: stage-cli.sh SRC DEST}"
DEST="${2:?usage: stage-cli.sh SRC DEST}"
CLASSPATH_FILE="$SRC/cli/target/cli.classpath"

[ -s "$CLASSPATH_FILE" ] || { echo "error: no $CLASSPATH_FILE: build the CLI first" >&2; exit 1; }
shopt -s nullglob
jars=()
for jar in "$SRC"/cli/target/cli-*.jar; do
  case "$jar" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
  jars+=("$jar")
done
[ "${#jars[@]}" -eq 1 ] || { echo "error: expected one CLI jar in $SRC/cli/target, found ${#jars[@]}" >&2; exit 1; }

mkdir -p "$DEST/cli/target" "$DEST/cli/lib"
cp "${jars[0]}" "$DEST/cli/target/"
install -m 0755 "$SRC/userstream" "$DEST/userstream"

entries=()
raw=()
# The file has no final newline, so read reports end-of-file: the array is filled all the same.
IFS=: read -r -a raw < "$CLASSPATH_FILE" || true
[ "${#raw[@]}" -gt 0 ] || { echo "error: $CLASSPATH_FILE is empty" >&2; exit 1; }
for entry in "${raw[@]}"; do
  [ -n "$entry" ] || continue
  [ -e "$entry" ] || { echo "error: classpath entry $entry does not exist" >&2; exit 1; }
  name="$(basename "$entry")"
  if [ -d "$entry" ]; then
    # A reactor module's classes folder (<module>/target/classes): name it after the module.
    name="$(basename "$(dirname "$(dirname "$entry")")")-$name"
  fi
  if [ -e "$DEST/cli/lib/$name" ]; then
    echo "error: two classpath entries would both be cli/lib/$name" >&2
    exit 1
  fi
  cp -R "$entry" "$DEST/cli/lib/$name"
  entries+=("$DEST/cli/lib/$name")
done
(IFS=:; printf '%s' "${entries[*]}") > "$DEST/cli/target/cli.classpath"
echo "staged the userstream CLI in $DEST (${#entries[@]} classpath entries)"
