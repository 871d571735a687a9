package dev.userstream.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import dev.userstream.producer.FlatFormatter;
import dev.userstream.producer.GeneratorSource;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine-free cost of one record: Kafka value bytes to a {@code created_users} row with
 * common-model's {@link UserTransform}, for raw randomuser.me records and for flat ones. One
 * thread, so the score is records/s per core, to set beside the sink's rows/s.
 *
 * <pre>{@code
 * ./mvnw -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * java -jar bench/target/benchmarks.jar TransformBenchmark -p shape=raw -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransformBenchmark {
  /**
   * Distinct records cycled through (a power of two), enough that the branch predictor cannot learn
   * one; {@code -p records=131072} cycles more than the caches hold, as a job's fresh Kafka fetches
   * do.
   */
  @Param({"1024"})
  public int records;

  /** {@code raw}: the API's nested shape; {@code flat}: the earlier pipelines' 12 fields. */
  @Param({"raw", "flat"})
  public String shape;

  private final UserTransform transform = UserTransform.withDefaults();
  private final Instant eventTime = Instant.parse("2025-06-01T12:00:00Z");
  private byte[][] values;
  private int next;

  @Setup
  public void generate() throws Exception {
    ObjectMapper json = new ObjectMapper();
    values = new byte[records][];
    try (GeneratorSource source = new GeneratorSource(1)) {
      for (int i = 0; i < records; i++) {
        ObjectNode raw = source.next();
        values[i] = json.writeValueAsBytes("flat".equals(shape) ? FlatFormatter.toFlat(raw) : raw);
      }
    }
    // A benchmark of rejections by mistake would flatter the transform: check the input first.
    for (byte[] value : values) {
      if (!(transform.apply(value, eventTime) instanceof CreatedUser)) {
        throw new IllegalStateException("a generated " + shape + " record was rejected");
      }
    }
  }

  /** One record, bytes to row; the result is returned so the JIT cannot drop the work. */
  @Benchmark
  public TransformResult bytesToRow() {
    byte[] value = values[next];
    next = (next + 1) & (records - 1);
    return transform.apply(value, eventTime);
  }
}
