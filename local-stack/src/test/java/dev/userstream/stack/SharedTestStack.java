package dev.userstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one local stack that all integration tests of a build share.
 *
 * <p>The first test JVM that asks starts it (clean data, test ports); later ones, in this module or
 * the next, find it running and reuse it. Its owner is the Maven process that forked the test JVM,
 * so the servers shut themselves down when the build ends, passed or failed. Each test uses its own
 * topic and keyspace ({@link #uniqueName}).
 */
public final class SharedTestStack {
  /** System property set by the build (failsafe) to one folder for the whole reactor. */
  public static final String DIR_PROPERTY = "userstream.it.stack.dir";

  /**
   * Added to every test port (default 0), so two builds can run at once on one machine, each with
   * its own stack: {@code ./mvnw verify -Dit.port.offset=100 -Dit.stack.dir=/tmp/other}.
   */
  public static final String PORT_OFFSET_PROPERTY = "userstream.it.port.offset";

  private static LocalStack stack;

  private SharedTestStack() {}

  /** The running shared stack, started on first use. */
  public static synchronized LocalStack get() {
    if (stack == null) {
      stack = startOrReuse();
    }
    return stack;
  }

  /** A name no other test of this build uses, e.g. {@code it_users_4f3a9c}. */
  public static String uniqueName(String prefix) {
    return "it_" + prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
  }

  /**
   * The shared stack's folder ({@link #DIR_PROPERTY}); suites with a stack of their own sit beside
   * it.
   */
  public static Path dir() {
    return Path.of(System.getProperty(DIR_PROPERTY, "target/it-stack"));
  }

  /**
   * A test stack in {@code home}: the test ports moved by the build's {@link #PORT_OFFSET_PROPERTY}
   * plus {@code portShift} (0 for the shared stack; a suite that stops servers takes its own
   * shift), owned by the Maven process that forked this JVM so its servers end with the build.
   */
  public static StackConfig config(Path home, int portShift) {
    StackConfig base = StackConfig.forTests(home);
    int offset = Integer.getInteger(PORT_OFFSET_PROPERTY, 0) + portShift;
    long owner = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
    return base.withPorts(base.ports().shiftedBy(offset)).withOwner(owner);
  }

  private static LocalStack startOrReuse() {
    StackConfig config = config(dir(), 0);
    LocalStack candidate = new LocalStack(config);
    try {
      Files.createDirectories(config.home().getParent());
      Path lockFile = config.home().resolveSibling(config.home().getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (candidate.isUp()) {
          System.out.println("[it-stack] reusing the stack at " + config.home());
          return candidate;
        }
        // Nothing (or half of it) runs: start from a clean folder, as a fresh build would.
        candidate.down();
        candidate.wipe();
        candidate.up(
            LocalStack.DEFAULT_START_TIMEOUT, line -> System.out.println("[it-stack] " + line));
        return candidate;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
