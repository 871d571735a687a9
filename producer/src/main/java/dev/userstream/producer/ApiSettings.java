package dev.userstream.producer;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a randomuser.me-compatible API: where, how many per request, how long to wait and
 * how often to retry.
 *
 * @param url the API base, e.g. {@code https://randomuser.me/api/1.4/}
 * @param batchSize records per request, 1 to {@link #MAX_BATCH}
 * @param requestTimeout connect and response timeout of one request
 * @param maxAttempts tries per batch, at least 1 (network errors, HTTP 5xx and 429 are retried)
 * @param initialBackoff wait before the second try; doubles per try up to {@code maxBackoff}
 */
public record ApiSettings(
    URI url,
    int batchSize,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  /** The public API, version 1.4, as text (what {@code --api-url} defaults to). */
  public static final String DEFAULT_URL_TEXT = "https://randomuser.me/api/1.4/";

  public static final URI DEFAULT_URL = URI.create(DEFAULT_URL_TEXT);

  /** The API's own limit of {@code results} per request. */
  public static final int MAX_BATCH = 5000;

  public ApiSettings {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("--api-url must be an http(s) URL, got " + url);
    }
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException(
          "--api-batch must be between 1 and " + MAX_BATCH + ", got " + batchSize);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  /** The public API, 5000 per request, 30 s per request, 5 tries starting 1 s apart. */
  public static ApiSettings defaults() {
    return new ApiSettings(
        DEFAULT_URL,
        MAX_BATCH,
        Duration.ofSeconds(30),
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(16));
  }

  public ApiSettings withUrl(URI value) {
    return new ApiSettings(
        value, batchSize, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
  }

  public ApiSettings withBatchSize(int value) {
    return new ApiSettings(url, value, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
  }

  public ApiSettings withRequestTimeout(Duration value) {
    return new ApiSettings(url, batchSize, value, maxAttempts, initialBackoff, maxBackoff);
  }

  public ApiSettings withMaxAttempts(int value) {
    return new ApiSettings(url, batchSize, requestTimeout, value, initialBackoff, maxBackoff);
  }

  /** Backoff before the second try, doubling up to {@code max}. */
  public ApiSettings withBackoff(Duration initial, Duration max) {
    return new ApiSettings(url, batchSize, requestTimeout, maxAttempts, initial, max);
  }
}
