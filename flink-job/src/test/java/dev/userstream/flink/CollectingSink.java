package dev.userstream.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * A sink that keeps what it receives in this JVM (the MiniCluster runs in the test's JVM), under a
 * name so that tests running side by side do not see each other's rows.
 */
final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, ConcurrentLinkedQueue<Object>> RECEIVED =
      new ConcurrentHashMap<>();

  private final String name;

  CollectingSink(String name) {
    this.name = name;
    RECEIVED.put(name, new ConcurrentLinkedQueue<>());
  }

  @Override
  @SuppressWarnings("deprecation") // Flink 1.20's one abstract factory
  public SinkWriter<T> createWriter(InitContext context) {
    ConcurrentLinkedQueue<Object> received = RECEIVED.get(name);
    return new SinkWriter<>() {
      @Override
      public void write(T value, Context ignored) {
        received.add(value);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }

  /** Everything received so far. */
  @SuppressWarnings("unchecked")
  List<T> received() {
    return new ArrayList<>(
        (ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) RECEIVED.get(name));
  }
}
