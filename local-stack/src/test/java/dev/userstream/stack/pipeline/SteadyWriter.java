package dev.userstream.stack.pipeline;

import dev.userstream.stack.KafkaEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes test values to a topic in the background at a steady rate, as a live producer does, and
 * rides out a broker restart: one idempotent producer (acks=all) whose delivery timeout outlasts
 * the outage, so a batch the broker did not take is retried in order, never lost or doubled.
 *
 * <p>It can hold at one index until {@link #release()}: a fault test holds the second part of its
 * records back until the fault is in place, so records are written both before and after it however
 * slowly the job under test started.
 */
public final class SteadyWriter implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(100);
  private static final Duration HOLD_LIMIT = Duration.ofMinutes(5);

  private final KafkaEnvironment kafka;
  private final String topic;
  private final List<byte[]> values;
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> sent;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final Thread thread;

  private SteadyWriter(
      KafkaEnvironment kafka, String topic, List<byte[]> values, int perSecond, int holdAt) {
    this.kafka = kafka;
    this.topic = topic;
    this.values = new ArrayList<>(values);
    this.sent = new ArrayList<>(values.size());
    Properties props = TopicWriter.producerProperties(kafka);
    // Sending goes on during a broker restart: waiting for metadata must outlast it as well.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    this.producer = TopicWriter.producer(props);
    int perTick = Math.max(1, (int) (perSecond * TICK.toMillis() / 1000));
    this.thread = new Thread(() -> run(perTick, holdAt), "steady-writer-" + topic);
    this.thread.setDaemon(true);
  }

  /**
   * Starts writing {@code values} (null ones as tombstones) to an existing {@code topic}, about
   * {@code perSecond} a second in chunks every 100 ms, holding before index {@code holdAt} until
   * {@link #release()} ({@code values.size()} or more: never holds).
   */
  public static SteadyWriter start(
      KafkaEnvironment kafka, String topic, List<byte[]> values, int perSecond, int holdAt) {
    SteadyWriter writer = new SteadyWriter(kafka, topic, values, perSecond, holdAt);
    writer.thread.start();
    return writer;
  }

  private void run(int perTick, int holdAt) {
    long next = System.nanoTime();
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i == holdAt && !released.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("held at record " + i + " and never released");
        }
        if (i % perTick == 0) {
          next = Math.max(next + TICK.toNanos(), System.nanoTime());
          TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
        }
        Future<RecordMetadata> future =
            producer.send(
                new ProducerRecord<>(topic, values.get(i)),
                (metadata, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  } else {
                    acknowledged.incrementAndGet();
                  }
                });
        synchronized (sent) {
          sent.add(future);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Records handed to the producer so far. */
  public int sent() {
    synchronized (sent) {
      return sent.size();
    }
  }

  /** Records the broker acknowledged so far. */
  public int acknowledged() {
    return acknowledged.get();
  }

  /** Lets a held writer go on (harmless when it does not hold). */
  public void release() {
    released.countDown();
  }

  /** Whether every value has been handed to the producer (or writing stopped on an error). */
  public boolean isDone() {
    return !thread.isAlive();
  }

  /**
   * Waits until every value is written and acknowledged, then returns where each landed, in the
   * order given; fails with the producer's error and the broker's last warnings otherwise.
   */
  public List<ProducedRecord> finish(Duration timeout) {
    release();
    try {
      thread.join(timeout.toMillis());
      if (thread.isAlive()) {
        throw new IllegalStateException(
            "writer still sending after " + timeout + ": " + sent() + " of " + values.size());
      }
      producer.flush();
      if (failure.get() != null) {
        throw failed(failure.get());
      }
      List<ProducedRecord> records = new ArrayList<>(values.size());
      for (int i = 0; i < sent.size(); i++) {
        RecordMetadata meta = sent.get(i).get();
        records.add(ProducedRecord.acknowledged(topic, meta, values.get(i)));
      }
      return records;
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      close();
    }
  }

  private IllegalStateException failed(Throwable cause) {
    return new IllegalStateException(
        "a test record was not acknowledged ("
            + acknowledged()
            + " of "
            + values.size()
            + " were): "
            + cause
            + "; the broker's last warnings: "
            + kafka.recentWarnings(5),
        cause);
  }

  /** Stops writing and closes the producer; records not yet acknowledged may be lost. */
  @Override
  public void close() {
    release();
    thread.interrupt();
    producer.close(Duration.ofSeconds(5));
  }
}
