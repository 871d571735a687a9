package dev.userstream.cli;

import dev.userstream.io.OptionKey;
import dev.userstream.io.OptionSet;
import dev.userstream.io.OptionValues;
import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli side of the option declarations: {@link #add} turns an {@link OptionSet}'s keys into
 * options of a command (names and old names, label, help, typed conversion by {@link
 * OptionKey#parse}) and {@link #values} reads what was given back as {@link OptionValues}, so no
 * command re-declares a shared option or turns one back into text to parse it again.
 */
final class DeclaredOptions {
  private static final String HEADING_END = " (--name value or --name=value):%n";

  private DeclaredOptions() {}

  /**
   * For {@code @Command(modelTransformer = ...)}, which picocli instantiates without arguments: a
   * subclass names the set its command takes.
   */
  abstract static class Transformer implements IModelTransformer {
    private final OptionSet set;

    Transformer(OptionSet set) {
      this.set = set;
    }

    /** A set of its own: the command's help section {@code title} with these shared keys. */
    Transformer(String title, OptionKey<?>... keys) {
      this(OptionSet.of(title, keys));
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
      return add(spec, set);
    }
  }

  /** Every shared pipeline option. */
  static final class Pipeline extends Transformer {
    Pipeline() {
      super(PipelineOptions.OPTIONS);
    }
  }

  /**
   * Adds every key of {@code set} to {@code spec}, in a help section titled after the set and in
   * the set's order (so the command's own options keep their declaration order too).
   */
  private static CommandSpec add(CommandSpec spec, OptionSet set) {
    ArgGroupSpec.Builder section =
        ArgGroupSpec.builder()
            .heading("%n" + set.title() + HEADING_END)
            .exclusive(false)
            // A help section only: the keys check the values, OptionSet.values the repeats.
            .validate(false)
            .multiplicity("0..*");
    for (OptionKey<?> key : set.keys()) {
      section.addArg(option(key));
    }
    spec.addArgGroup(section.build());
    spec.usageMessage().sortOptions(false);
    return spec;
  }

  private static OptionSpec option(OptionKey<?> key) {
    List<String> names = new ArrayList<>(List.of(key.flag()));
    key.aliases().forEach(alias -> names.add("--" + alias));
    OptionSpec.Builder option =
        OptionSpec.builder(names.toArray(String[]::new))
            .paramLabel(key.label())
            // Descriptions are format strings: a literal % must be doubled.
            .description(OptionSet.help(key).replace("%", "%%"))
            .userObject(key)
            .converters(text -> parse(key, text));
    if (key.repeatable()) {
      option.type(List.class).auxiliaryTypes(Object.class);
    } else if (key.defaultValue() instanceof Boolean) {
      // --cassandra-ssl alone means true, as the bench's flag always did; a value still works.
      option.type(Boolean.class).arity("0..1").fallbackValue("true");
    } else {
      option.type(Object.class).arity("1");
    }
    return option.build();
  }

  /**
   * For {@code CommandLine.setHelpFactory}: help whose synopsis names each declared section as one
   * {@code [TITLE]}, since the section lists its options below and thirty of them would bury the
   * command's own.
   */
  static Help help(CommandSpec spec, ColorScheme colors) {
    return new Help(spec, colors) {
      @Override
      protected Text createDetailedSynopsisOptionsText(
          Collection<ArgSpec> done,
          List<OptionSpec> options,
          Comparator<OptionSpec> sort,
          boolean clusterBooleans) {
        Set<String> sections = new LinkedHashSet<>();
        List<OptionSpec> own = new ArrayList<>();
        for (OptionSpec option : options) {
          if (option.userObject() instanceof OptionKey<?>) {
            String heading = option.group().heading();
            sections.add(heading.substring(2, heading.length() - HEADING_END.length()));
          } else {
            own.add(option);
          }
        }
        Text text = super.createDetailedSynopsisOptionsText(done, own, sort, clusterBooleans);
        for (String title : sections) {
          text = text.concat(" [" + title.toUpperCase(Locale.ROOT).replace(' ', '-') + "]");
        }
        return text;
      }
    };
  }

  private static Object parse(OptionKey<?> key, String text) {
    try {
      return key.parse(text);
    } catch (OptionsException e) {
      throw new BadValue(e.getMessage());
    }
  }

  /**
   * What the command line of {@code spec} gave for the declared options of {@code set}, with the
   * environment fallbacks of all of {@code set} (a command may declare only some of its keys).
   *
   * @throws OptionsException when a single-valued option was given twice
   */
  static OptionValues values(CommandSpec spec, OptionSet set, Map<String, String> env) {
    Map<OptionKey<?>, List<?>> given = new LinkedHashMap<>();
    for (OptionSpec option : spec.options()) {
      if (option.userObject() instanceof OptionKey<?> key && set.keys().contains(key)) {
        // Each occurrence was converted on its own; a repeatable option collects them in a list.
        List<?> values = key.repeatable() ? option.getValue() : option.typedValues();
        if (values != null && !values.isEmpty()) {
          given.put(key, values);
        }
      }
    }
    return set.values(given, env);
  }

  /** The shared options given to {@code spec}, with this process's environment fallbacks. */
  static PipelineOptions pipelineOptions(CommandSpec spec) {
    return new PipelineOptions(values(spec, PipelineOptions.OPTIONS, System.getenv()));
  }

  /**
   * The one line for a bad command line: a declared option's own message (it names the option),
   * else picocli's.
   */
  static String message(ParameterException e) {
    String message = e.getCause() instanceof BadValue bad ? bad.getMessage() : e.getMessage();
    // picocli starts some of its own with "Error: ", which the caller's "error: " already says.
    return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
  }

  /** A declared option's one-line {@link OptionsException}, as picocli's conversion failure. */
  private static final class BadValue extends TypeConversionException {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message);
    }
  }
}
