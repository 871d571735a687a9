package dev.userstream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The shared stack is up for integration tests, owned by the build, and takes topics. */
class SharedTestStackIT {
  @Test
  void sharedStackIsUpAndOwnedByTheBuild() throws Exception {
    LocalStack stack = SharedTestStack.get();
    assertTrue(stack.isUp());
    long owner = ProcessHandle.current().parent().orElseThrow().pid();
    assertEquals(owner, stack.config().ownerPid().orElseThrow());

    String topic = SharedTestStack.uniqueName("topic");
    stack.kafka().createTopic(topic, 3);
    stack.kafka().createTopic(topic, 3); // idempotent
    try (Admin admin = Admin.create(stack.kafka().clientProperties())) {
      Map<String, ?> topics = admin.describeTopics(Set.of(topic)).allTopicNames().get();
      assertEquals(
          3,
          admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size());
      assertTrue(topics.containsKey(topic));
    }
  }
}
