package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** The engines {@code --engine} and {@code --engines} accept, and the job each one starts. */
class EngineTest {

  @Test
  void everyEngineHasTheNameItIsTypedWith() {
    assertEquals("spark, flink, spark-rt", Engine.cliNames());
    JobOptions.EngineConverter converter = new JobOptions.EngineConverter();
    assertEquals(Engine.SPARK_RT, converter.convert("spark-rt"));
    assertEquals(Engine.SPARK_RT, converter.convert(" Spark-RT "));
    TypeConversionException typo =
        assertThrows(TypeConversionException.class, () -> converter.convert("spark_rt"));
    assertEquals("expected one of spark, flink, spark-rt, got 'spark_rt'", typo.getMessage());
  }

  @Test
  void sparkRtStartsTheSpark4JobWithSpark4sJavaFlags(@TempDir Path root) throws IOException {
    Path target = Files.createDirectories(root.resolve("spark-rt-job/target"));
    Files.writeString(target.resolve("spark-rt-job.classpath"), "/jars/kafka.jar\n");
    Files.writeString(target.resolve("spark-rt-job-provided.classpath"), "/jars/spark-core.jar\n");
    JvmJobLauncher launcher = (JvmJobLauncher) Engine.SPARK_RT.launcher();

    ProcessBuilder process = launcher.processAsBuilt(root, List.of("--mode=continuous"), "1g");

    List<String> command = process.command();
    assertEquals(List.of("spark-common"), launcher.sourceModules());
    assertTrue(command.contains("-Dio.netty.tryReflectionSetAccessible=true"), command.toString());
    assertTrue(
        command.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), command.toString());
    assertEquals(
        target.resolve("classes") + ":/jars/kafka.jar:/jars/spark-core.jar",
        command.get(command.indexOf("-cp") + 1));
    assertEquals(
        List.of("dev.userstream.spark.SparkRtJobMain", "--mode=continuous"),
        command.subList(command.size() - 2, command.size()));
    assertEquals("127.0.0.1", process.environment().get("SPARK_LOCAL_IP"));
  }
}
