package dev.userstream.cli;

import dev.userstream.io.OptionKey;
import dev.userstream.io.OptionSet;
import dev.userstream.io.PipelineOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Appends the shared pipeline options ({@link PipelineOptions#describe()}) to a command's help
 * footer, for commands that pass those options through rather than declaring each one.
 */
public final class PipelineOptionsHelp implements IModelTransformer {
  private static final int NAME_WIDTH = 26;
  private static final int LINE_WIDTH = 80;

  @Override
  public CommandSpec transform(CommandSpec spec) {
    List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
    footer.add("");
    footer.add("Pipeline options (--name value or --name=value), shared by every component:");
    for (OptionKey<?> option : PipelineOptions.OPTIONS.keys()) {
      footer.addAll(wrap("  " + option.flag(), OptionSet.help(option)));
    }
    // Footer lines are format strings: a literal % must be doubled.
    spec.usageMessage()
        .footer(footer.stream().map(line -> line.replace("%", "%%")).toArray(String[]::new));
    return spec;
  }

  /** The flag, then the text wrapped in a column, so picocli never re-wraps the lines. */
  private static List<String> wrap(String flag, String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(flag);
    line.append(" ".repeat(Math.max(1, NAME_WIDTH - flag.length())));
    int start = line.length();
    for (String word : text.split(" ")) {
      if (line.length() > start && line.length() + 1 + word.length() > LINE_WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(" ".repeat(NAME_WIDTH));
        start = line.length();
      }
      if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
