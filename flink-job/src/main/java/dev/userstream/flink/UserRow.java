package dev.userstream.flink;

import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;

/**
 * A row of the users table: common-model's user and the Kafka lineage the job adds.
 *
 * @param user the transformed user
 * @param lineage where its record came from
 */
public record UserRow(CreatedUser user, Lineage lineage) {}
