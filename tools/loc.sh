#!/usr/bin/env bash
# Usage: tools/loc.sh MODULE...   e.g. tools/loc.sh spark-job flink-job (the measure of the runtime redesign issue)
# Lines of code of a module's main sources: blank, comment (//, /* */, Javadoc) and import lines aside.
for m in "$@"; do
  printf '%s ' "$m"
  find "$m/src/main/java" -name '*.java' -print0 | xargs -0 cat | python3 -c '
import sys
n=0; inc=False
for line in sys.stdin:
    s=line.strip()
    if inc:
        if "*/" in s: inc=False
        continue
    if not s or s.startswith("//") or s.startswith("import ") or s.startswith("package "): continue
    if s.startswith("/*"):
        if "*/" not in s: inc=True
        continue
    n+=1
print(n)'
done
