package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import dev.userstream.producer.RecordedApi.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API client and source against a local HTTP server: batching, retries, errors, timeouts. */
class ApiSourceTest {
  private RecordedApi api;

  @BeforeEach
  void start() throws Exception {
    api = new RecordedApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** Short timeouts and backoff so failure tests take a second, not a minute. */
  private ApiSettings settings() {
    return ApiSettings.defaults()
        .withUrl(api.url())
        .withRequestTimeout(Duration.ofMillis(500))
        .withMaxAttempts(3)
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
  }

  /** Fetches {@code count} users with {@code settings}, which must fail; returns the failure. */
  private static SourceException fetchFails(ApiSettings settings, int count) {
    return assertThrows(
        SourceException.class, () -> new RandomUserApiClient(settings).fetch(count, "s", 1));
  }

  @Test
  void twelveThousandAreFetchedAs5000Plus5000Plus2000() {
    // 5 MB pages: a timeout that a loaded machine cannot hit.
    ApiSettings patient = settings().withRequestTimeout(Duration.ofSeconds(30));
    ApiSource source = new ApiSource(new RandomUserApiClient(patient), 12_000, 42);
    int count = 0;
    while (source.next() != null) {
      count++;
    }
    assertEquals(12_000, count);
    List<Map<String, String>> queries = api.queries();
    assertEquals(
        List.of("5000", "5000", "2000"), queries.stream().map(q -> q.get("results")).toList());
    // The API's seed and consecutive pages make a replay fetch the same users.
    assertEquals(List.of("1", "2", "3"), queries.stream().map(q -> q.get("page")).toList());
    assertEquals(Long.toHexString(42), queries.get(0).get("seed"));
    assertEquals(3, source.requests());
  }

  @Test
  void smallerBatchSizeIsHonoured() {
    ApiSource source =
        new ApiSource(new RandomUserApiClient(settings().withBatchSize(300)), 700, 1);
    while (source.next() != null) {}
    assertEquals(
        List.of("300", "300", "100"), api.queries().stream().map(q -> q.get("results")).toList());
  }

  @Test
  void fetchedRecordsAreUsers() {
    ApiSource source = new ApiSource(new RandomUserApiClient(settings()), 3, 1);
    for (ObjectNode user; (user = source.next()) != null; ) {
      assertInstanceOf(
          CreatedUser.class,
          UserTransform.withDefaults().apply(Json.bytes(user), TestUsers.EVENT_TIME));
    }
    assertNull(source.next());
  }

  @Test
  void serverErrorAndTooManyRequestsAreRetriedThenSucceed() {
    api.then(Reply.of(500, "{\"error\": \"temporarily broken\"}"))
        .then(new Reply(429, "{\"error\": \"slow down\"}", 0, Map.of("Retry-After", "0")));
    List<ObjectNode> users = new RandomUserApiClient(settings()).fetch(10, "s", 1);
    assertEquals(10, users.size());
    assertEquals(3, api.queries().size());
  }

  @Test
  void errorBodyFailsAtOnceQuotingTheApi() {
    api.then(Reply.of(200, "{\"error\": \"Uh oh, something has gone wrong.\"}"));
    SourceException e = fetchFails(settings(), 10);
    assertEquals(
        "randomuser API at " + api.url() + " answered HTTP 200: Uh oh, something has gone wrong.",
        e.getMessage());
    assertEquals(1, api.queries().size(), "an error body is not retried");
  }

  @Test
  void persistentServerErrorFailsAfterTheLastAttempt() {
    for (int i = 0; i < 3; i++) {
      api.then(Reply.of(503, "{\"error\": \"maintenance\"}"));
    }
    SourceException e = fetchFails(settings(), 10);
    assertEquals(
        "randomuser API at " + api.url() + " failed 3 times, last: HTTP 503: maintenance",
        e.getMessage());
  }

  @Test
  void notFoundIsNotRetried() {
    api.then(Reply.of(404, "<html>no such page</html>"));
    SourceException e = fetchFails(settings(), 1);
    assertTrue(
        e.getMessage().endsWith("answered HTTP 404: <html>no such page</html>"), e.getMessage());
    assertEquals(1, api.queries().size());
  }

  @Test
  void slowRepliesTimeOutAndFailWithinABoundedTime() {
    for (int i = 0; i < 3; i++) {
      api.then(Reply.slow(3000));
    }
    long start = System.nanoTime();
    SourceException e = fetchFails(settings(), 1);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(
        "randomuser API at " + api.url() + " failed 3 times, last: no answer within 0.5 s",
        e.getMessage());
    assertTrue(millis < 2900, "took " + millis + " ms");
  }

  @Test
  void aSlowReplyThenAGoodOneSucceeds() {
    api.then(Reply.slow(2000));
    assertEquals(5, new RandomUserApiClient(settings()).fetch(5, "s", 1).size());
  }

  @Test
  void aClosedPortIsANetworkError() throws Exception {
    ApiSettings closed = settings().withUrl(api.url());
    api.close();
    SourceException e = fetchFails(closed, 1);
    assertTrue(e.getMessage().contains("failed 3 times, last: network error"), e.getMessage());
  }

  @Test
  void answerWithoutResultsIsRefused() {
    api.then(Reply.of(200, "{\"info\": {}}"));
    SourceException e = fetchFails(settings(), 1);
    assertTrue(e.getMessage().contains("sent no 'results' array"), e.getMessage());
  }

  @Test
  void settingsRefuseBatchesAboveTheApiLimit() {
    assertThrows(IllegalArgumentException.class, () -> ApiSettings.defaults().withBatchSize(5001));
  }
}
