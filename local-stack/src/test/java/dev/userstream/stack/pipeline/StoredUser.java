package dev.userstream.stack.pipeline;

import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;

/** A row of created_users: the business columns and where the record came from. */
public record StoredUser(CreatedUser user, Lineage lineage) {}
