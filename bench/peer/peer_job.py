"""The peer of the benchmark: the seed tutorial's PySpark streaming job, as its users run it.

Kafka topic -> CAST(value AS STRING) -> from_json with the flat record's 11 string fields ->
select("data.*") -> the spark-cassandra-connector's streaming sink, default trigger. Like the
seed it validates nothing and runs until it is stopped: `./userstream bench --engines ...,peer`
creates the seed-shaped table, starts this script under spark-submit (cli's PeerJobLauncher) and
stops it once every backlog row is in Cassandra. Only what it takes to run differs from the seed: servers, names and the
checkpoint folder are arguments instead of literals, and the connector and the Kafka source come
from spark-submit's --packages with the Scala 2.12 suffix of this Spark.

    spark-submit --packages com.datastax.spark:spark-cassandra-connector_2.12:3.5.1,\
        org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7 bench/peer/peer_job.py \
        --bootstrap-servers localhost:9092 --topic users_created \
        --cassandra-host localhost --cassandra-port 9042 \
        --keyspace spark_streams --table created_users --checkpoint-dir /tmp/checkpoint
"""

import argparse

from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json
from pyspark.sql.types import StringType, StructField, StructType

# The seed's schema: the flat record's fields but dob, every one a string, declared not null
# (which from_json ignores: a missing field is a null all the same).
SCHEMA = StructType(
    [
        StructField("id", StringType(), False),
        StructField("first_name", StringType(), False),
        StructField("last_name", StringType(), False),
        StructField("gender", StringType(), False),
        StructField("address", StringType(), False),
        StructField("post_code", StringType(), False),
        StructField("email", StringType(), False),
        StructField("username", StringType(), False),
        StructField("registered_date", StringType(), False),
        StructField("phone", StringType(), False),
        StructField("picture", StringType(), False),
    ]
)


def arguments():
    parser = argparse.ArgumentParser(description="The seed's PySpark Kafka-to-Cassandra job.")
    for name in (
        "bootstrap-servers",
        "topic",
        "cassandra-host",
        "cassandra-port",
        "keyspace",
        "table",
        "checkpoint-dir",
    ):
        parser.add_argument("--" + name, required=True)
    return parser.parse_args()


def main():
    args = arguments()
    # As in the seed, Cassandra's address is set on the session builder.
    spark = (
        SparkSession.builder.appName("SparkDataStreaming")
        .config("spark.cassandra.connection.host", args.cassandra_host)
        .config("spark.cassandra.connection.port", args.cassandra_port)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    kafka = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", args.bootstrap_servers)
        .option("subscribe", args.topic)
        .option("startingOffsets", "earliest")
        .load()
    )
    users = (
        kafka.selectExpr("CAST(value AS STRING)")
        .select(from_json(col("value"), SCHEMA).alias("data"))
        .select("data.*")
    )
    query = (
        users.writeStream.format("org.apache.spark.sql.cassandra")
        .option("checkpointLocation", args.checkpoint_dir)
        .option("keyspace", args.keyspace)
        .option("table", args.table)
        .start()
    )
    query.awaitTermination()


if __name__ == "__main__":
    main()
