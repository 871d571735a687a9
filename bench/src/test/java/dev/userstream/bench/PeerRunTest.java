package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.userstream.io.PipelineOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerRunTest {
  @Test
  void tableIsShapedLikeTheSeedsUuidKeyAndTenTextColumns() {
    assertEquals(
        "CREATE TABLE userstream_bench.thr_peer_1 (id UUID PRIMARY KEY, first_name TEXT,"
            + " last_name TEXT, gender TEXT, address TEXT, post_code TEXT, email TEXT,"
            + " username TEXT, registered_date TEXT, phone TEXT, picture TEXT)",
        PeerRun.createTableCql("userstream_bench", "thr_peer_1"));
  }

  @Test
  void jobArgsNameServersTopicTableAndCheckpoint() {
    PipelineOptions connection =
        PipelineOptions.builder()
            .bootstrapServers("127.0.0.1:29592")
            .cassandraHosts(List.of("10.0.0.1", "10.0.0.2"))
            .cassandraPort(29542)
            .build();
    assertEquals(
        List.of(
            "--bootstrap-servers",
            "127.0.0.1:29592",
            "--topic",
            "bench_x_backlog",
            "--cassandra-host",
            "10.0.0.1,10.0.0.2",
            "--cassandra-port",
            "29542",
            "--keyspace",
            "userstream_bench",
            "--table",
            "thr_peer_1",
            "--checkpoint-dir",
            "/w/checkpoints/thr_peer_1"),
        PeerRun.jobArgs(
            connection,
            "bench_x_backlog",
            "userstream_bench",
            "thr_peer_1",
            Path.of("/w/checkpoints/thr_peer_1")));
  }
}
