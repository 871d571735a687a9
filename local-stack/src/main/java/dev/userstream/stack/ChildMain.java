package dev.userstream.stack;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every server JVM the stack starts: runs the server's own main class, and when an
 * owner process is named, exits gracefully (running the server's shutdown hooks) once it is gone.
 *
 * <pre>{@code
 * java -Duserstream.owner.pid=1234 -cp ... dev.userstream.stack.ChildMain kafka.Kafka server.properties
 * }</pre>
 */
public final class ChildMain {
  /** System property naming the process whose exit stops this server. */
  public static final String OWNER_PID = "userstream.owner.pid";

  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ChildMain <main-class> [args...]");
      System.exit(2);
    }
    String owner = System.getProperty(OWNER_PID);
    if (owner != null && !owner.isBlank()) {
      long pid = Long.parseLong(owner.trim());
      ProcessHandle.of(pid)
          .ifPresentOrElse(
              handle ->
                  handle
                      .onExit()
                      .thenRun(
                          () -> {
                            System.err.println("owner process " + pid + " exited: shutting down");
                            System.exit(0);
                          }),
              () -> {
                System.err.println("owner process " + pid + " is not running: not starting");
                System.exit(3);
              });
    }
    Class<?> mainClass = Class.forName(args[0]);
    Method main = mainClass.getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
