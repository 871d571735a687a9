package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Users from a randomuser.me-compatible API, fetched in batches of at most {@link
 * ApiSettings#batchSize()}, never more than the run needs: 12,000 wanted is 5000 + 5000 + 2000.
 */
public final class ApiSource implements UserSource {
  private final RandomUserApiClient client;
  private final long limit;
  private final String seed;
  private final Deque<ObjectNode> buffer = new ArrayDeque<>();
  private long fetched;
  private long page;

  /**
   * @param limit how many users the run needs at most; 0 for no limit (batches of full size)
   * @param seed the API's seed parameter, so a replay with the same seed gets the same users
   */
  public ApiSource(RandomUserApiClient client, long limit, long seed) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    this.client = client;
    this.limit = limit;
    this.seed = Long.toHexString(seed);
  }

  @Override
  public ObjectNode next() {
    if (buffer.isEmpty()) {
      long wanted = limit == 0 ? Long.MAX_VALUE : limit - fetched;
      if (wanted <= 0) {
        return null;
      }
      int size = (int) Math.min(wanted, client.settings().batchSize());
      var batch = client.fetch(size, seed, ++page);
      if (batch.isEmpty()) {
        throw new SourceException(
            "randomuser API at " + client.settings().url() + " sent an empty 'results' array");
      }
      // A server that sends more than asked must not make the run exceed its limit.
      batch.stream().limit(size).forEach(buffer::add);
      fetched += Math.min(batch.size(), size);
    }
    return buffer.poll();
  }

  @Override
  public String description() {
    return "api " + client.settings().url() + " (batches of " + client.settings().batchSize() + ")";
  }

  /** Requests made so far. */
  public long requests() {
    return page;
  }
}
