package dev.userstream.flink;

import dev.userstream.model.Lineage;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import java.time.Instant;

/**
 * A row of the rejects table: why the record is not a user, what it held, and where it came from.
 *
 * @param rejection common-model's reason
 * @param payload the original value as stored (text or bytes, maybe truncated)
 * @param lineage where the record came from (also the row's key)
 * @param rejectedAt when this job rejected it
 */
public record RejectRow(
    Rejection rejection, RejectedPayload payload, Lineage lineage, Instant rejectedAt) {}
