package dev.userstream.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.userstream.io.PipelineOptions;
import dev.userstream.producer.ProduceSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The end of {@code userstream demo}: the exactly-once sum, throughput, sample rows, reasons. */
final class DemoReport {
  private static final int SAMPLE_ROWS = 5;

  private DemoReport() {}

  static void print(
      PrintWriter out,
      CqlSession session,
      PipelineOptions options,
      ProduceSummary produced,
      VerifyCommand.Counts counts,
      double jobSeconds) {
    long stored = counts.users() + counts.rejects();
    out.printf(
        "users + rejects = events: %d + %d = %d %s %d%n",
        counts.users(),
        counts.rejects(),
        stored,
        stored == produced.produced() ? "==" : "!=",
        produced.produced());
    out.printf(
        "throughput: %d records in %.1f s = %.0f records/s (job start-up included)%n",
        produced.produced(), jobSeconds, produced.produced() / jobSeconds);

    out.println();
    out.println("sample users (" + options.keyspace() + "." + options.usersTable() + "):");
    table(
        out,
        List.of("full_name", "email_domain", "country", "age", "post_code"),
        sample(session, options));

    out.println();
    out.println("rejection reasons (" + options.keyspace() + "." + options.rejectsTable() + "):");
    List<List<String>> reasons = new ArrayList<>();
    reasonCounts(session, options, produced.partitions())
        .forEach((code, n) -> reasons.add(List.of(code, String.valueOf(n))));
    table(out, List.of("reason_code", "rows"), reasons);
    out.flush();
  }

  private static List<List<String>> sample(CqlSession session, PipelineOptions options) {
    // source_topic is not a key: filtering is fine for the handful of rows a sample needs.
    PreparedStatement select =
        session.prepare(
            "SELECT full_name, email_domain, country, age, post_code FROM "
                + options.keyspace()
                + "."
                + options.usersTable()
                + " WHERE source_topic = ? LIMIT ? ALLOW FILTERING");
    List<List<String>> rows = new ArrayList<>();
    for (Row row : session.execute(select.bind(options.topic(), SAMPLE_ROWS))) {
      rows.add(
          List.of(
              text(row.getString(0)),
              text(row.getString(1)),
              text(row.getString(2)),
              row.isNull(3) ? "" : String.valueOf(row.getInt(3)),
              text(row.getString(4))));
    }
    return rows;
  }

  /** Per reason code, over every partition of the topic (the table's partition key). */
  private static Map<String, Long> reasonCounts(
      CqlSession session, PipelineOptions options, int partitions) {
    PreparedStatement select =
        session.prepare(
            "SELECT reason_code FROM "
                + options.keyspace()
                + "."
                + options.rejectsTable()
                + " WHERE topic = ? AND source_partition = ?");
    Map<String, Long> counts = new TreeMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      for (Row row : session.execute(select.bind(options.topic(), partition))) {
        counts.merge(text(row.getString(0)), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
      }
    }
    line(out, header, widths);
    StringBuilder rule = new StringBuilder("  ");
    for (int width : widths) {
      rule.append("-".repeat(width)).append("  ");
    }
    out.println(rule.toString().stripTrailing());
    rows.forEach(row -> line(out, row, widths));
    if (rows.isEmpty()) {
      out.println("  (none)");
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder text = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      int pad = widths[i] - cell.codePointCount(0, cell.length());
      text.append(cell).append(" ".repeat(Math.max(0, pad))).append("  ");
    }
    out.println(text.toString().stripTrailing());
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
