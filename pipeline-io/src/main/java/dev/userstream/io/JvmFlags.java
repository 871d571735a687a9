package dev.userstream.io;

import java.util.List;
import java.util.stream.Stream;

/**
 * The Java 17 flags each engine's JVM needs, in one place for every launcher (the CLI's child JVMs,
 * the tests' job processes, the Flink cluster configuration).
 */
public final class JvmFlags {
  /** What Spark's own launcher adds on Java 17 (its JavaModuleOptions). */
  public static final List<String> SPARK_JAVA17 =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED");

  /**
   * What Spark 4's launcher adds on Java 17 (JavaModuleOptions of spark-launcher 4.2.0): Spark
   * 3.5's list plus Netty's reflection flag; the options for newer JDKs only are left out. The
   * spark-rt-job pom's {@code spark4.java17.opens}, which its tests run with, is the same list.
   */
  public static final List<String> SPARK4_JAVA17 =
      Stream.concat(SPARK_JAVA17.stream(), Stream.of("-Dio.netty.tryReflectionSetAccessible=true"))
          .toList();

  /**
   * Flink's own Java 17 options: {@code env.java.opts.all} of the default {@code conf/config.yaml}
   * of Flink 1.20.5. Without them Kryo and Flink's memory management fail on module access checks.
   */
  public static final List<String> FLINK_JAVA17 =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private JvmFlags() {}
}
