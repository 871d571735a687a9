package dev.userstream.io;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One command-line option declared as data, like Flink's {@code ConfigOption<T>}: name, type (its
 * parser and formatter), default, description, whether it is a secret, its environment variable and
 * its validator. Parsing, {@code --help}, docs/configuration.md, masking and a child process's
 * arguments are all derived from these declarations ({@link OptionSet}, {@link OptionValues}).
 *
 * <p>Instances are immutable; the {@code with...} methods return changed copies, so a declaration
 * reads as one expression.
 *
 * @param <T> the parsed value's type
 */
public final class OptionKey<T> {
  private final String name;
  private final String label;
  private final String description;
  private final T defaultValue;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;
  private final UnaryOperator<T> validator;
  private final boolean secret;
  private final String env;
  private final Function<String, T> envParser;
  private final BinaryOperator<T> merge;
  private final Predicate<String> secretEntry;
  private final List<String> aliases;

  private OptionKey(
      String name,
      String label,
      String description,
      T defaultValue,
      Function<String, T> parser,
      Function<T, String> formatter,
      UnaryOperator<T> validator,
      boolean secret,
      String env,
      Function<String, T> envParser,
      BinaryOperator<T> merge,
      Predicate<String> secretEntry,
      List<String> aliases) {
    this.name = name;
    this.label = label;
    this.description = description;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.formatter = formatter;
    this.validator = validator;
    this.secret = secret;
    this.env = env;
    this.envParser = envParser;
    this.merge = merge;
    this.secretEntry = secretEntry;
    this.aliases = aliases;
  }

  private static <T> OptionKey<T> of(
      String name,
      String label,
      T defaultValue,
      Function<String, T> parser,
      Function<T, String> formatter,
      String description) {
    return new OptionKey<>(
        name,
        label,
        description,
        defaultValue,
        parser,
        formatter,
        UnaryOperator.identity(),
        false,
        null,
        null,
        null,
        null,
        List.of());
  }

  /** A text option; its value is stripped. {@code defaultValue} may be null (none). */
  public static OptionKey<String> text(String name, String defaultValue, String description) {
    return of(name, "TEXT", defaultValue, String::strip, Function.identity(), description);
  }

  /** An integer option within {@code min..max}, both inclusive. */
  public static OptionKey<Integer> integer(
      String name, int defaultValue, int min, int max, String description) {
    return of(
            name,
            "N",
            defaultValue,
            text -> (int) OptionRules.parseLong(name, text, min, max),
            String::valueOf,
            description)
        .withValidator(value -> (int) OptionRules.checkLong(name, value, min, max));
  }

  /** A long option within {@code min..max}, both inclusive. */
  public static OptionKey<Long> longInteger(
      String name, long defaultValue, long min, long max, String description) {
    return of(
            name,
            "N",
            defaultValue,
            text -> OptionRules.parseLong(name, text, min, max),
            String::valueOf,
            description)
        .withValidator(value -> OptionRules.checkLong(name, value, min, max));
  }

  /** {@code true} or {@code false}. */
  public static OptionKey<Boolean> bool(String name, boolean defaultValue, String description) {
    return of(
        name,
        "true|false",
        defaultValue,
        text -> OptionRules.bool(name, text),
        String::valueOf,
        description);
  }

  /** A duration in the one grammar of {@link Durations}, at least {@code min}. */
  public static OptionKey<Duration> duration(
      String name, Duration defaultValue, Duration min, String description) {
    return of(
            name,
            "DURATION",
            defaultValue,
            text -> Durations.parse(name, text),
            Durations::format,
            description)
        .withValidator(value -> OptionRules.atLeast(name, value, min));
  }

  /** One of an enum's constants, typed as {@code cliName} (case-insensitive). */
  public static <E extends Enum<E>> OptionKey<E> choice(
      String name, E defaultValue, Function<E, String> cliName, String description) {
    E[] values = defaultValue.getDeclaringClass().getEnumConstants();
    String label = Arrays.stream(values).map(cliName).collect(Collectors.joining("|"));
    return of(
        name,
        label,
        defaultValue,
        text -> OptionRules.choice(name, text, values, cliName),
        cliName,
        description);
  }

  /** A comma-separated list of non-blank items. */
  public static OptionKey<List<String>> list(
      String name, List<String> defaultValue, String description) {
    return of(
        name,
        "A,B",
        defaultValue,
        text -> OptionRules.items(name, text),
        items -> String.join(",", items),
        description);
  }

  /**
   * A repeatable {@code key=value} option collected into a map; an entry whose key {@code
   * secretEntry} accepts is treated like a secret option (masked, moved to the environment).
   */
  public static OptionKey<Map<String, String>> properties(
      String name, Predicate<String> secretEntry, String description) {
    return new OptionKey<>(
        name,
        "KEY=VALUE",
        description,
        Map.of(),
        text -> OptionRules.property(name, text),
        map ->
            map.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")),
        UnaryOperator.identity(),
        false,
        null,
        null,
        (older, newer) -> {
          Map<String, String> merged = new LinkedHashMap<>(older);
          merged.putAll(newer);
          return merged;
        },
        secretEntry,
        List.of());
  }

  /** The same option, its values checked (and possibly normalised) by {@code check}. */
  public OptionKey<T> withValidator(UnaryOperator<T> check) {
    UnaryOperator<T> before = validator;
    return new OptionKey<>(
        name,
        label,
        description,
        defaultValue,
        parser,
        formatter,
        value -> check.apply(before.apply(value)),
        secret,
        env,
        envParser,
        merge,
        secretEntry,
        aliases);
  }

  /** The same option, read from environment variable {@code variable} when not given. */
  public OptionKey<T> withEnv(String variable) {
    return withEnv(variable, parser);
  }

  /** The same option with an environment variable whose text {@code parse} reads. */
  public OptionKey<T> withEnv(String variable, Function<String, T> parse) {
    return new OptionKey<>(
        name,
        label,
        description,
        defaultValue,
        parser,
        formatter,
        validator,
        secret,
        variable,
        parse,
        merge,
        secretEntry,
        aliases);
  }

  /**
   * The same option as a secret: masked when shown, never on a child's command line, passed in the
   * environment variable {@code variable} instead.
   */
  public OptionKey<T> asSecret(String variable) {
    return new OptionKey<>(
        name,
        "SECRET",
        description,
        defaultValue,
        parser,
        formatter,
        validator,
        true,
        variable,
        parser,
        merge,
        secretEntry,
        aliases);
  }

  /** The same option, also accepted under an older name. */
  public OptionKey<T> withAlias(String oldName) {
    List<String> more = new java.util.ArrayList<>(aliases);
    more.add(oldName);
    return new OptionKey<>(
        name,
        label,
        description,
        defaultValue,
        parser,
        formatter,
        validator,
        secret,
        env,
        envParser,
        merge,
        secretEntry,
        List.copyOf(more));
  }

  /** The name without dashes, e.g. {@code bootstrap-servers}. */
  public String name() {
    return name;
  }

  /** {@code --name}, as typed. */
  public String flag() {
    return "--" + name;
  }

  /** What the value looks like in {@code --help}, e.g. {@code N}, {@code DURATION}. */
  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  /** The default, or null when the option has none. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as it would be typed, empty when there is none. */
  public String defaultText() {
    if (defaultValue == null || (defaultValue instanceof Map<?, ?> m && m.isEmpty())) {
      return "";
    }
    return formatter.apply(defaultValue);
  }

  public boolean secret() {
    return secret;
  }

  /** The environment variable read when the option is not given, or null. */
  public String env() {
    return env;
  }

  /** Older names that still work. */
  public List<String> aliases() {
    return aliases;
  }

  /** True when the option may be given more than once (its values merge). */
  public boolean repeatable() {
    return merge != null;
  }

  /** True for the map entries that hold secrets (a {@link #properties} option only). */
  boolean secretEntry(String key) {
    return secretEntry != null && secretEntry.test(key);
  }

  boolean hasSecretEntries() {
    return secretEntry != null;
  }

  /**
   * The typed, validated value of {@code text}.
   *
   * @throws OptionsException one line naming this option
   */
  public T parse(String text) {
    if (text == null) {
      throw new OptionsException("missing value for " + flag() + " (see --help)");
    }
    return validate(parser.apply(text));
  }

  /** {@code value} checked by the validator (normalised where it normalises). */
  public T validate(T value) {
    return validator.apply(Objects.requireNonNull(value, name));
  }

  T parseEnv(String text) {
    return validate(envParser.apply(text));
  }

  T merge(T older, T newer) {
    return merge.apply(older, newer);
  }

  /** The value as it would be typed. */
  @SuppressWarnings("unchecked")
  public String format(Object value) {
    return formatter.apply((T) value);
  }

  /** The name, so {@code "--" + KEY} reads as the flag in messages. */
  @Override
  public String toString() {
    return name;
  }
}
