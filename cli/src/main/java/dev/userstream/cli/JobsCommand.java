package dev.userstream.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code userstream jobs [stop NAME]}: the jobs {@code run --cluster --detach} left running. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = {
      "List the jobs `run --cluster --detach` started (name <engine>-<topic>, state, address,"
          + " output), or stop one with `jobs stop NAME`: SIGTERM to a Spark driver, a cancel to"
          + " the Flink JobManager."
    },
    subcommands = JobsCommand.Stop.class)
final class JobsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<DetachedJobs.Job> jobs = DetachedJobs.all();
    if (jobs.isEmpty()) {
      out.println("no detached jobs (./userstream run --cluster --detach starts one)");
    }
    for (DetachedJobs.Job job : jobs) {
      out.printf("%-32s %-11s %-26s %s%n", job.name(), job.state(), job.address(), job.log());
    }
    out.flush();
    return 0;
  }

  /** {@code jobs stop NAME}. */
  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop a detached job and forget it.")
  static final class Stop implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The job's name, as `jobs` lists it.")
    String name;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DetachedJobs.Job job =
          DetachedJobs.find(name)
              .orElseThrow(
                  () -> new CommandFailure("no detached job " + name + " (see ./userstream jobs)"));
      DetachedJobs.stop(job, spec.commandLine().getOut());
      return 0;
    }
  }
}
