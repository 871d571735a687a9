package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.producer.ProgressListener.Progress;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces user records from a {@link UserSource} to Kafka and reports exactly what the broker
 * acknowledged: the library behind {@code userstream produce}, {@code demo} and the benchmarks.
 *
 * <pre>{@code
 * ProduceRequest request = ProduceRequest.builder().topic("users_created").events(20_000).build();
 * ProduceSummary summary =
 *     new UserProducer(request).produce(new GeneratorSource(42), ProgressListener.NONE);
 * }</pre>
 *
 * <p>Key = the user id (UTF-8), value = JSON bytes. Nothing is swallowed: any record the broker did
 * not acknowledge makes {@link #produce} throw a {@link ProduceException} that says how many were
 * and were not acknowledged.
 */
public final class UserProducer {
  private static final long PROGRESS_NANOS = Duration.ofMillis(100).toNanos();

  private final ProduceRequest request;
  private volatile boolean stopRequested;

  public UserProducer(ProduceRequest request) {
    this.request = request;
  }

  /**
   * Asks a running {@link #produce} to stop sending; it still waits for the acknowledgements of
   * what it sent and returns its summary. Safe from any thread (e.g. a shutdown hook on Ctrl-C).
   */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Ensures the topic, sends until the request's count or time limit, the source's end or {@link
   * #stop()}, then flushes and closes the client.
   *
   * @throws ProduceException Kafka unreachable, topic not creatable, a record not acknowledged, or
   *     the source failed; one-line message
   */
  public ProduceSummary produce(UserSource source, ProgressListener listener) {
    int partitions = TopicSetup.ensureTopic(request);
    RecordEncoder encoder =
        new RecordEncoder(request.format(), new BadRecordMixer(request.seed(), request.badRatio()));
    AckCounter acks = new AckCounter();
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer =
          new KafkaProducer<>(
              ProducerSettings.of(request), new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new ProduceException(
          "cannot configure the Kafka producer: " + dev.userstream.io.Failures.rootMessage(e),
          null,
          e);
    }

    long start = System.nanoTime();
    long deadline =
        request.duration() == null ? Long.MAX_VALUE : start + request.duration().toNanos();
    Pacer pacer = new Pacer(request.rate(), start);
    long sent = 0;
    long nextProgress = start;
    SourceException sourceFailure = null;
    try {
      while (!stopRequested && (request.events() == 0 || sent < request.events())) {
        pacer.await(sent);
        long now = System.nanoTime();
        if (now >= deadline || acks.failed() > 0) {
          break; // after a failure, sending more would only grow the list of lost records
        }
        if (now >= nextProgress) {
          listener.onProgress(progress(sent, acks, now - start));
          nextProgress = now + PROGRESS_NANOS;
        }
        ObjectNode record = source.next();
        if (record == null) {
          break;
        }
        RecordEncoder.Encoded encoded = encoder.encode(sent, record);
        sent++;
        try {
          producer.send(
              new ProducerRecord<>(request.topic(), encoded.key(), encoded.value()),
              acks.callback(encoded.bad()));
        } catch (KafkaException e) {
          acks.failedToSend(e); // e.g. no metadata within max.block.ms
        }
      }
    } catch (SourceException e) {
      sourceFailure = e;
    } finally {
      // Whatever stopped the loop, every record handed over gets its answer before we report.
      producer.flush();
      producer.close(request.timeout());
    }
    long elapsed = System.nanoTime() - start;
    listener.onFinish(progress(sent, acks, elapsed));

    ProduceSummary summary =
        new ProduceSummary(
            acks.acknowledged(),
            acks.bad(),
            acks.badByKind(),
            sent - acks.acknowledged(),
            request.topic(),
            partitions,
            Duration.ofNanos(elapsed));
    if (acks.failed() > 0) {
      throw new ProduceException(
          String.format(
              "%d of %d records were not acknowledged by Kafka at %s (%d acknowledged): %s",
              summary.notAcknowledged(),
              sent,
              request.bootstrapServers(),
              summary.produced(),
              dev.userstream.io.Failures.rootMessage(acks.firstError())),
          summary,
          acks.firstError());
    }
    if (sourceFailure != null) {
      throw new ProduceException(
          sourceFailure.getMessage()
              + " (after "
              + summary.produced()
              + " records were produced to "
              + request.topic()
              + ")",
          summary,
          sourceFailure);
    }
    return summary;
  }

  private Progress progress(long sent, AckCounter acks, long elapsedNanos) {
    return new Progress(
        sent,
        acks.acknowledged(),
        request.events(),
        Duration.ofNanos(elapsedNanos),
        request.duration());
  }
}
