"""Sorts each jdk.ExecutionSample of a `jfr print` output into one group by the frames on its stack.

Usage (the groups of docs/benchmarks/profile.md):

    jfr print --events jdk.ExecutionSample --stack-depth 256 thr_spark_1.jfr > spark.txt
    python3 tools/jfr_groups.py spark.txt

A sample counts for the first group, in the order below, that has a frame on its stack; the rest is
"other". Prints a Markdown table row per group.
"""
import sys
from collections import Counter
RULES = [
    ("JSON parsing and validation (common-model UserTransform: Jackson, UTF-8 decoding, rules)", ["dev.userstream.model.UserTransform."]),
    ("Binding row values (KafkaRecordBinder, CassandraSchema, driver codecs incl. UTF-8 encoding)", ["dev.userstream.io.cassandra.KafkaRecordBinder.", "DefaultPreparedStatement.bind", "dev.userstream.model.CassandraSchema."]),
    ("Cassandra driver: requests, Netty I/O", ["com.datastax.oss.", "io.netty."]),
    ("Kafka consumer", ["org.apache.kafka."]),
    ("Spark row conversion and codegen (catalyst)", ["org.apache.spark.sql.catalyst.", "GeneratedClass"]),
    ("Flink runtime (mailbox, records, serialization)", ["org.apache.flink."]),
    ("Spark runtime (scheduler, executor, streaming)", ["org.apache.spark.", "scala."]),
]
def groups(path):
    counts, stack, n = Counter(), None, 0
    for line in open(path):
        s = line.strip()
        if s.startswith("stackTrace = ["):
            stack = []
        elif stack is not None and s == "]":
            n += 1
            for name, marks in RULES:
                if any(m in f for f in stack for m in marks):
                    counts[name] += 1
                    break
            else:
                counts["other (JDK, logging, ...)"] += 1
            stack = None
        elif stack is not None:
            stack.append(s)
    return n, counts
n, counts = groups(sys.argv[1])
print(f"{n} samples")
for name, c in counts.most_common():
    print(f"| {name} | {c:,} | {100*c/n:.1f} % |")
