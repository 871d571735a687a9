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
  /** How values are read from and written as text. */
  private record Codec<T>(Function<String, T> parse, Function<T, String> format) {}

  /** The environment variable read when the option is not given, and how its text is read. */
  private record Env<T>(String variable, Function<String, T> parse) {}

  /** A repeatable option: how its values merge, and which map entries are secrets. */
  private record Repeat<T>(BinaryOperator<T> merge, Predicate<String> secretEntry) {}

  private final String name;
  private final String label;
  private final T defaultValue;
  private final Codec<T> codec;
  private final String description;
  private UnaryOperator<T> validator = UnaryOperator.identity();
  private boolean secret;
  private Env<T> env;
  private Repeat<T> repeat;
  private List<String> aliases = List.of();

  private OptionKey(
      String name,
      String label,
      T defaultValue,
      Function<String, T> parser,
      Function<T, String> formatter,
      String description) {
    this(name, label, defaultValue, new Codec<>(parser, formatter), description);
  }

  private OptionKey(String name, String label, T defaultValue, Codec<T> codec, String text) {
    this.name = name;
    this.label = label;
    this.defaultValue = defaultValue;
    this.codec = codec;
    this.description = text;
  }

  /** A copy to change: declarations stay immutable once published. */
  private OptionKey<T> copy() {
    OptionKey<T> c = new OptionKey<>(name, label, defaultValue, codec, description);
    c.validator = validator;
    c.secret = secret;
    c.env = env;
    c.repeat = repeat;
    c.aliases = aliases;
    return c;
  }

  /** A text option; its value is stripped. {@code defaultValue} may be null (none). */
  public static OptionKey<String> text(String name, String defaultValue, String description) {
    return new OptionKey<>(
        name, "TEXT", defaultValue, String::strip, Function.identity(), description);
  }

  /** An integer option within {@code min..max}, both inclusive. */
  public static OptionKey<Integer> integer(
      String name, int defaultValue, int min, int max, String description) {
    OptionKey<Long> wide = longInteger(name, defaultValue, min, max, description);
    return new OptionKey<Integer>(
            name,
            "N",
            defaultValue,
            text -> wide.parse(text).intValue(),
            String::valueOf,
            description)
        .withValidator(value -> wide.validate(value.longValue()).intValue());
  }

  /** A long option within {@code min..max}, both inclusive. */
  public static OptionKey<Long> longInteger(
      String name, long defaultValue, long min, long max, String description) {
    return new OptionKey<Long>(
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
    return new OptionKey<>(
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
    return new OptionKey<Duration>(
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
    return new OptionKey<>(
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
    return new OptionKey<>(
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
    OptionKey<Map<String, String>> key =
        new OptionKey<>(
            name,
            "KEY=VALUE",
            Map.of(),
            text -> OptionRules.property(name, text),
            map ->
                map.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")),
            description);
    BinaryOperator<Map<String, String>> merge =
        (older, newer) -> {
          Map<String, String> merged = new LinkedHashMap<>(older);
          merged.putAll(newer);
          return merged;
        };
    key.repeat = new Repeat<>(merge, secretEntry);
    return key;
  }

  /** The same option, its values checked (and possibly normalised) by {@code check}. */
  public OptionKey<T> withValidator(UnaryOperator<T> check) {
    OptionKey<T> c = copy();
    UnaryOperator<T> before = validator;
    c.validator = value -> check.apply(before.apply(value));
    return c;
  }

  /** The same option, read from environment variable {@code variable} when not given. */
  public OptionKey<T> withEnv(String variable) {
    return withEnv(variable, codec.parse());
  }

  /** The same option with an environment variable whose text {@code parse} reads. */
  public OptionKey<T> withEnv(String variable, Function<String, T> parse) {
    OptionKey<T> c = copy();
    c.env = new Env<>(variable, parse);
    return c;
  }

  /**
   * The same option as a secret: masked when shown, never on a child's command line, passed in the
   * environment variable {@code variable} instead.
   */
  public OptionKey<T> asSecret(String variable) {
    OptionKey<T> c = withEnv(variable);
    c.secret = true;
    return c;
  }

  /** The same option, also accepted under an older name. */
  public OptionKey<T> withAlias(String oldName) {
    OptionKey<T> c = copy();
    List<String> more = new java.util.ArrayList<>(aliases);
    more.add(oldName);
    c.aliases = List.copyOf(more);
    return c;
  }

  /** The name without dashes, e.g. {@code bootstrap-servers}. */
  public String name() {
    return name;
  }

  /** {@code --name}, as typed. */
  public String flag() {
    return "--" + name;
  }

  public String description() {
    return description;
  }

  /** What the value looks like in {@code --help}, e.g. {@code N}, {@code DURATION}. */
  public String label() {
    return secret ? "SECRET" : label;
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
    return codec.format().apply(defaultValue);
  }

  public boolean secret() {
    return secret;
  }

  /** True when the option may be given more than once (its values merge). */
  public boolean repeatable() {
    return repeat != null;
  }

  /** The environment variable read when the option is not given, or null. */
  public String env() {
    return env == null ? null : env.variable();
  }

  /** Older names that still work. */
  public List<String> aliases() {
    return aliases;
  }

  /** True for the map entries that hold secrets (a {@link #properties} option only). */
  boolean secretEntry(String key) {
    return repeat != null && repeat.secretEntry().test(key);
  }

  boolean hasSecretEntries() {
    return repeat != null && repeat.secretEntry() != null;
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
    return validate(codec.parse().apply(text));
  }

  /** {@code value} checked by the validator (normalised where it normalises). */
  public T validate(T value) {
    return validator.apply(Objects.requireNonNull(value, name));
  }

  T parseEnv(String text) {
    return validate(env.parse().apply(text));
  }

  T merge(T older, T newer) {
    return repeat.merge().apply(older, newer);
  }

  /** The value as it would be typed. */
  @SuppressWarnings("unchecked")
  public String format(Object value) {
    return codec.format().apply((T) value);
  }

  /** The name, so {@code "--" + KEY} reads as the flag in messages. */
  @Override
  public String toString() {
    return name;
  }
}
