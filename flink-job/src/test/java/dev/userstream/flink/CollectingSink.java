package dev.userstream.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

/**
 * A sink that keeps what it receives in this JVM (the MiniCluster runs in the test's JVM), under a
 * name so that tests running side by side do not see each other's rows.
 */
final class CollectingSink<T> implements SinkFunction<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, ConcurrentLinkedQueue<Object>> RECEIVED =
      new ConcurrentHashMap<>();

  private final String name;

  CollectingSink(String name) {
    this.name = name;
    RECEIVED.put(name, new ConcurrentLinkedQueue<>());
  }

  @Override
  public void invoke(T value, Context context) {
    RECEIVED.get(name).add(value);
  }

  /** Everything received so far. */
  @SuppressWarnings("unchecked")
  List<T> received() {
    return new ArrayList<>(
        (ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) RECEIVED.get(name));
  }
}
