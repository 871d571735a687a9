package dev.userstream.producer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches one batch of users from a randomuser.me-compatible API, retrying what is worth retrying
 * (network errors, timeouts, HTTP 5xx and 429) with exponential backoff, and failing with one line
 * that quotes the API's own {@code {"error": "..."}} when it sends one.
 */
public final class RandomUserApiClient {
  private static final int MAX_QUOTED_CHARS = 200;

  private final ApiSettings settings;
  private final HttpClient http;

  public RandomUserApiClient(ApiSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            // HTTP/1.1: no cleartext h2c upgrade dance with simple or proxied servers.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public ApiSettings settings() {
    return settings;
  }

  /**
   * One page of {@code results} users. With the API's {@code seed}, page {@code n} is the same
   * users on every call, so a replay fetches the same ids.
   *
   * @throws SourceException after the last failed try, or at once for an answer not worth retrying
   */
  public List<ObjectNode> fetch(int results, String seed, long page) {
    URI uri = pageUri(results, seed, page);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    Duration backoff = settings.initialBackoff();
    String lastProblem = "no attempt made";
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      Duration wait = backoff;
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        Optional<String> apiError = apiError(response.body());
        if (status == 200 && apiError.isEmpty()) {
          return results(response.body());
        }
        String problem =
            "HTTP " + status + apiError.map(e -> ": " + e).orElse(snippet(response.body()));
        if (status == 429 || status >= 500) {
          lastProblem = problem;
          wait = retryAfter(response).orElse(backoff);
        } else {
          // A 4xx, or a 200 carrying an error body: asking again gives the same answer.
          throw new SourceException("randomuser API at " + settings.url() + " answered " + problem);
        }
      } catch (HttpTimeoutException e) {
        lastProblem =
            "no answer within " + dev.userstream.io.Durations.spoken(settings.requestTimeout());
      } catch (IOException e) {
        lastProblem = "network error: " + dev.userstream.io.Failures.rootMessage(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("interrupted while fetching from " + settings.url(), e);
      }
      if (attempt < settings.maxAttempts()) {
        sleep(wait);
        backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
      }
    }
    throw new SourceException(
        "randomuser API at "
            + settings.url()
            + " failed "
            + settings.maxAttempts()
            + (settings.maxAttempts() == 1 ? " time: " : " times, last: ")
            + lastProblem);
  }

  /** {@code base?results=N&seed=S&page=P}, keeping any query the base URL already has. */
  URI pageUri(int results, String seed, long page) {
    String base = settings.url().toString();
    String separator = base.contains("?") ? "&" : "?";
    return URI.create(base + separator + "results=" + results + "&seed=" + seed + "&page=" + page);
  }

  private List<ObjectNode> results(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new SourceException(
          "randomuser API at " + settings.url() + " sent invalid JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new SourceException("cannot read the answer of " + settings.url() + ": " + e, e);
    }
    JsonNode results = root == null ? null : root.get("results");
    if (results == null || !results.isArray()) {
      throw new SourceException(
          "randomuser API at " + settings.url() + " sent no 'results' array" + snippet(body));
    }
    List<ObjectNode> users = new ArrayList<>(results.size());
    for (JsonNode user : results) {
      if (!(user instanceof ObjectNode object)) {
        throw new SourceException(
            "randomuser API at " + settings.url() + " sent a result that is not an object");
      }
      users.add(object);
    }
    return users;
  }

  /** The text of an {@code {"error": "..."}} body, if that is what the body is. */
  private static Optional<String> apiError(byte[] body) {
    if (body.length == 0 || body.length > 64 * 1024) {
      return Optional.empty(); // an error body is short; never parse 5 MB twice to find out
    }
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      JsonNode error = root == null ? null : root.get("error");
      return error != null && !error.isNull() ? Optional.of(error.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "";
    }
    return ": "
        + (text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text);
  }

  /** A 429's or 503's {@code Retry-After} in seconds, capped by the maximum backoff. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(
                    min(Duration.ofSeconds(Long.parseLong(value.strip())), settings.maxBackoff()));
              } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
              }
            });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while waiting to retry", e);
    }
  }
}
