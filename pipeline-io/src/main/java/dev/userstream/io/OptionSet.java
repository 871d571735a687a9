package dev.userstream.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered group of declared options, e.g. the pipeline options or a job's own, and everything
 * derived from the declarations: parsing ({@code --name value} or {@code --name=value}), the
 * environment fallbacks, {@code --help} text and the docs/configuration.md table.
 */
public final class OptionSet {
  private final String title;
  private final List<OptionKey<?>> keys;
  private final List<OptionSet> parts;

  private OptionSet(String title, List<OptionKey<?>> keys, List<OptionSet> parts) {
    this.title = title;
    this.keys = List.copyOf(keys);
    this.parts = List.copyOf(parts);
    Set<String> names = new HashSet<>();
    for (OptionKey<?> key : this.keys) {
      for (String name : names(key)) {
        if (!names.add(name)) {
          throw new IllegalArgumentException("option --" + name + " declared twice");
        }
      }
    }
  }

  /** A titled group, in {@code --help} order. */
  public static OptionSet of(String title, OptionKey<?>... keys) {
    return new OptionSet(title, List.of(keys), List.of());
  }

  /** This group followed by {@code more}: one command line, help in sections. */
  public OptionSet plus(OptionSet more) {
    List<OptionKey<?>> all = new ArrayList<>(keys);
    all.addAll(more.keys);
    List<OptionSet> sections = new ArrayList<>(sections());
    sections.addAll(more.sections());
    return new OptionSet(title, all, sections);
  }

  private List<OptionSet> sections() {
    return parts.isEmpty() ? List.of(this) : parts;
  }

  public String title() {
    return title;
  }

  public List<OptionKey<?>> keys() {
    return keys;
  }

  /** The option of this name or alias, or null. */
  public OptionKey<?> find(String name) {
    for (OptionKey<?> key : keys) {
      if (names(key).contains(name)) {
        return key;
      }
    }
    return null;
  }

  private static List<String> names(OptionKey<?> key) {
    List<String> names = new ArrayList<>(key.aliases());
    names.add(0, key.name());
    return names;
  }

  /**
   * Parses a command line; options not on it are taken from their environment variables.
   *
   * @throws OptionsException one line for an unknown, repeated, missing or bad option
   */
  public OptionValues parse(String[] args, Map<String, String> env) {
    Map<String, Object> given = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg == null || !arg.startsWith("--") || arg.length() == 2) {
        throw new OptionsException(
            "unexpected argument '" + arg + "': options look like --name value (see --help)");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      OptionKey<?> key = find(name);
      if (key == null) {
        throw new OptionsException("unknown option --" + name + " (see --help)");
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && args[i + 1] != null && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new OptionsException("missing value for --" + name + " (see --help)");
      }
      if (!key.repeatable() && !seen.add(key.name())) {
        throw new OptionsException("--" + name + " given more than once");
      }
      put(given, key, key.parse(value));
    }
    return withEnvironment(given, env);
  }

  /**
   * Parses name/value pairs, e.g. an Airflow conf: keys are option names (leading {@code --}
   * allowed); a repeatable option's entries may be keys {@code name.<key>}.
   */
  public OptionValues parse(Map<String, String> options, Map<String, String> env) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (Map.Entry<String, String> option : options.entrySet()) {
      String name =
          option.getKey().startsWith("--") ? option.getKey().substring(2) : option.getKey();
      OptionKey<?> key = find(name);
      String value = option.getValue();
      int dot = name.indexOf('.');
      if (key == null && dot > 0 && find(name.substring(0, dot)) != null) {
        key = find(name.substring(0, dot));
        value = name.substring(dot + 1) + "=" + value;
      }
      if (key == null) {
        throw new OptionsException("unknown option --" + name + " (see --help)");
      }
      put(given, key, key.parse(value));
    }
    return withEnvironment(given, env);
  }

  /**
   * The values of options that a caller parsed one occurrence at a time with {@link
   * OptionKey#parse} (e.g. picocli's converters): each key's values in the order given, then the
   * environment fallbacks, exactly as {@link #parse(String[], Map)} takes them.
   *
   * @throws OptionsException when a single-valued option was given more than once
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public OptionValues values(Map<OptionKey<?>, ? extends List<?>> parsed, Map<String, String> env) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (Map.Entry<OptionKey<?>, ? extends List<?>> entry : parsed.entrySet()) {
      OptionKey key = entry.getKey();
      if (find(key.name()) != key) {
        throw new IllegalArgumentException("--" + key + " is not one of the " + title);
      }
      if (!key.repeatable() && entry.getValue().size() > 1) {
        throw new OptionsException("--" + key + " given more than once");
      }
      entry.getValue().forEach(value -> put(given, key, key.validate(value)));
    }
    return withEnvironment(given, env);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void put(Map<String, Object> given, OptionKey key, Object value) {
    Object before = given.get(key.name());
    given.put(key.name(), before == null || !key.repeatable() ? value : key.merge(before, value));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private OptionValues withEnvironment(Map<String, Object> given, Map<String, String> env) {
    for (OptionKey key : keys) {
      String text = key.env() == null ? null : env.get(key.env());
      if (text == null || text.isEmpty()) {
        continue;
      }
      Object fromEnv = key.parseEnv(text);
      Object fromArgs = given.get(key.name());
      if (fromArgs == null) {
        given.put(key.name(), fromEnv);
      } else if (key.repeatable()) {
        given.put(key.name(), key.merge(fromEnv, fromArgs)); // the command line wins
      }
    }
    return new OptionValues(given);
  }

  /** The {@code --help} text: each section's options with label, description and default. */
  public String usage() {
    int width = 0;
    for (OptionKey<?> key : keys) {
      width = Math.max(width, key.flag().length() + key.label().length() + 1);
    }
    StringBuilder text = new StringBuilder();
    for (OptionSet section : sections()) {
      text.append(section.title).append(" (--name value or --name=value):\n");
      for (OptionKey<?> key : section.keys) {
        String head = key.flag() + " " + key.label();
        text.append("  ").append(head).append(" ".repeat(width - head.length() + 2));
        text.append(help(key)).append('\n');
      }
    }
    return text.toString();
  }

  /** One option's description with its default, environment variable and old names. */
  public static String help(OptionKey<?> key) {
    StringBuilder text = new StringBuilder(key.description());
    if (!key.defaultText().isEmpty()) {
      text.append(" (default: ").append(key.defaultText()).append(')');
    }
    if (key.env() != null) {
      text.append(" [env ").append(key.env()).append(']');
    }
    for (String alias : key.aliases()) {
      text.append(" [also --").append(alias).append(']');
    }
    return text.toString();
  }

  /** The Markdown table of docs/configuration.md: option, default, description. */
  public String markdownTable() {
    StringBuilder md = new StringBuilder("| option | default | what it does |\n|---|---|---|\n");
    for (OptionKey<?> key : keys) {
      String value = key.defaultText().isEmpty() ? "—" : "`" + key.defaultText() + "`";
      String what = key.description().replace("|", "\\|");
      if (key.env() != null) {
        what += "; env `" + key.env() + "`";
      }
      for (String alias : key.aliases()) {
        what += "; old name `--" + alias + "`";
      }
      md.append("| `").append(key.flag()).append("` | ").append(value).append(" | ");
      md.append(what).append(" |\n");
    }
    return md.toString();
  }
}
