package dev.userstream.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots, drawn with XChart: throughput bars per engine next to the ceiling,
 * latency percentile bars per engine (medians over the repeats, as in the report's table), and the
 * latency distribution (CDF) of every latency run.
 */
public final class BenchPlots {
  public static final String THROUGHPUT_FILE = "throughput.png";
  public static final String LATENCY_FILE = "latency.png";
  public static final String LATENCY_CDF_FILE = "latency-cdf.png";
  public static final String CPU_FILE = "cpu.png";

  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;
  private static final Color[] COLORS = {
    new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52)
  };

  private BenchPlots() {}

  /** Writes the plots the results have data for into {@code dir}; returns the files written. */
  public static List<Path> write(BenchResults results, Path dir) throws IOException {
    // Charts render off-screen; without this a machine with no display fails in AWT.
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Map<String, Optional<? extends Chart<?, ?>>> plots = new LinkedHashMap<>();
    plots.put(THROUGHPUT_FILE, throughputChart(results));
    plots.put(LATENCY_FILE, latencyChart(results));
    plots.put(LATENCY_CDF_FILE, latencyCdfChart(results));
    plots.put(CPU_FILE, cpuChart(results));
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Optional<? extends Chart<?, ?>>> plot : plots.entrySet()) {
      if (plot.getValue().isPresent()) {
        written.add(save(plot.getValue().get(), dir.resolve(plot.getKey())));
      }
    }
    return written;
  }

  /** Bars: the ceiling, then per engine the sustained rate and the rate over wall time. */
  static Optional<CategoryChart> throughputChart(BenchResults r) {
    List<String> categories = new ArrayList<>();
    List<Double> sustained = new ArrayList<>();
    List<Double> wall = new ArrayList<>();
    Optional<Double> ceiling = r.ceiling();
    ceiling.ifPresent(
        c -> {
          categories.add("ceiling (Cassandra writer)");
          sustained.add(c);
          wall.add(
              median(r, Scenario.CEILING, RunResult.CEILING_ENGINE, RunResult::wallRowsPerSecond)
                  .orElse(c));
        });
    for (String engine : r.plan().engines()) {
      Optional<Double> rate = median(r, Scenario.THROUGHPUT, engine, RunResult::rowsPerSecond);
      if (rate.isEmpty()) {
        continue;
      }
      String label = engine;
      if (ceiling.isPresent() && ceiling.get() > 0) {
        label +=
            String.format(Locale.ROOT, " (%.0f %% of ceiling)", 100 * rate.get() / ceiling.get());
      }
      categories.add(label);
      sustained.add(rate.get());
      wall.add(median(r, Scenario.THROUGHPUT, engine, RunResult::wallRowsPerSecond).orElse(0.0));
    }
    if (categories.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        barChart(r, "Throughput: rows/s into Cassandra (median of repeats)", "rows/s");
    chart.addSeries("sustained (first→last WRITETIME)", categories, sustained);
    chart.addSeries("over wall time (job start-up included)", categories, wall);
    return Optional.of(chart);
  }

  /** Bars: p50, p95, p99 and max per engine, in milliseconds. */
  static Optional<CategoryChart> latencyChart(BenchResults r) {
    List<String> percentiles = List.of("p50", "p95", "p99", "max");
    CategoryChart chart =
        barChart(r, "End-to-end latency: WRITETIME − Kafka timestamp (median of repeats)", "ms");
    boolean any = false;
    for (String engine : r.plan().engines()) {
      List<Double> values = new ArrayList<>();
      for (ToDoubleFunction<RunResult> f :
          List.<ToDoubleFunction<RunResult>>of(
              x -> x.latency().p50(),
              x -> x.latency().p95(),
              x -> x.latency().p99(),
              x -> x.latency().max())) {
        median(r, Scenario.LATENCY, engine, f).ifPresent(values::add);
      }
      if (values.size() == percentiles.size()) {
        double rate = median(r, Scenario.LATENCY, engine, RunResult::rate).orElse(0.0);
        chart.addSeries(
            String.format(Locale.ROOT, "%s at %,.0f events/s", engine, rate), percentiles, values);
        any = true;
      }
    }
    return any ? Optional.of(chart) : Optional.empty();
  }

  /**
   * Lines: the share of rows written within x ms, one line per engine and repeat, x on a log scale
   * so that tens of milliseconds and seconds both stay readable.
   */
  static Optional<XYChart> latencyCdfChart(BenchResults r) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title(r, "End-to-end latency distribution: share of rows written within x ms"))
            .xAxisTitle("ms (log scale)")
            .yAxisTitle("% of rows")
            .build();
    // One entry per run: a column beside the plot, where a row below would be cut off.
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setLegendLayout(LegendLayout.Vertical);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setDecimalPattern("#,###");
    boolean any = false;
    List<String> engines = r.plan().engines();
    for (int e = 0; e < engines.size(); e++) {
      String engine = engines.get(e);
      for (RunResult run : r.runs()) {
        if (run.scenario() != Scenario.LATENCY
            || !run.engine().equals(engine)
            || run.latencyQuantiles().isEmpty()) {
          continue;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> q = run.latencyQuantiles();
        for (int p = 0; p < q.size(); p++) {
          // A log axis needs positive values; a row written within the same millisecond is 1 ms.
          x.add(Math.max(1.0, q.get(p)));
          y.add((double) p);
        }
        XYSeries series =
            chart.addSeries(
                String.format(
                    Locale.ROOT, "%s #%d at %,.0f events/s", engine, run.repeat(), run.rate()),
                x,
                y);
        series.setLineColor(COLORS[e % COLORS.length]);
        series.setMarker(SeriesMarkers.NONE);
        any = true;
      }
    }
    return any ? Optional.of(chart) : Optional.empty();
  }

  /**
   * Stacked bars: one per scenario and engine with CPU figures, one series per process role, the
   * median µs per row over the repeats (a role not measured adds nothing).
   */
  static Optional<CategoryChart> cpuChart(BenchResults r) {
    List<String> categories = new ArrayList<>();
    Map<CpuRole, List<Double>> series = new LinkedHashMap<>();
    for (CpuRole role : CpuRole.values()) {
      series.put(role, new ArrayList<>());
    }
    List<String[]> bars = new ArrayList<>();
    bars.add(new String[] {Scenario.CEILING.name(), RunResult.CEILING_ENGINE});
    r.plan().engines().forEach(e -> bars.add(new String[] {Scenario.THROUGHPUT.name(), e}));
    for (String[] bar : bars) {
      Scenario scenario = Scenario.valueOf(bar[0]);
      if (r.cpu(scenario, bar[1]).isEmpty()) {
        continue;
      }
      categories.add(scenario.cliName() + " " + bar[1]);
      for (CpuRole role : CpuRole.values()) {
        // null: no bar segment, and no "0" label on it.
        series.get(role).add(r.cpuMedian(scenario, bar[1], role).orElse(null));
      }
    }
    if (categories.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        barChart(r, "CPU per row, steady state: µs per process (median of repeats)", "µs/row");
    chart.getStyler().setStacked(true);
    chart.getStyler().setDecimalPattern("#,##0.0");
    series.forEach(
        (role, values) -> {
          if (values.stream().anyMatch(v -> v != null)) {
            // One colour per process in every report, whichever processes were measured.
            chart
                .addSeries(role.label(), categories, values)
                .setFillColor(COLORS[role.ordinal() % COLORS.length]);
          }
        });
    return Optional.of(chart);
  }

  private static Optional<Double> median(
      BenchResults r, Scenario scenario, String engine, ToDoubleFunction<RunResult> figure) {
    return r.spread(scenario, engine, figure).map(Spread::median);
  }

  private static String title(BenchResults r, String text) {
    return r.plan().quick() ? text + " — quick run" : text;
  }

  /** An empty bar chart in the report's size and style. */
  private static CategoryChart barChart(BenchResults r, String title, String yAxisTitle) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title(r, title))
            .yAxisTitle(yAxisTitle)
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setSeriesColors(COLORS);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
    chart.getStyler().setDecimalPattern("#,###");
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setAvailableSpaceFill(0.7);
    return chart;
  }

  private static Path save(Chart<?, ?> chart, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
    }
    return file;
  }
}
