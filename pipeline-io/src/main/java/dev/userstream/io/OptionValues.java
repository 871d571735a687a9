package dev.userstream.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The typed values of one parsed command line (or map), by option name: what was given, with the
 * declaration's default for the rest. Immutable and serializable, so a job ships it to its tasks.
 */
public final class OptionValues implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a secret is shown as. */
  public static final String MASK = "****";

  private final Map<String, Object> given;

  OptionValues(Map<String, Object> given) {
    this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
  }

  /** No option given: every value is its default. */
  public static OptionValues none() {
    return new OptionValues(Map.of());
  }

  /** The value given, else the default (null when the option has none). */
  @SuppressWarnings("unchecked")
  public <T> T get(OptionKey<T> key) {
    Object value = given.get(key.name());
    return value == null ? key.defaultValue() : (T) value;
  }

  /** True when the option was given (on the command line, in the environment or by a caller). */
  public boolean isGiven(OptionKey<?> key) {
    return given.containsKey(key.name());
  }

  /** The given values by option name. */
  Map<String, Object> given() {
    return given;
  }

  /** A copy with one more value, validated; null removes it. */
  public <T> OptionValues with(OptionKey<T> key, T value) {
    Map<String, Object> copy = new LinkedHashMap<>(given);
    if (value == null) {
      copy.remove(key.name());
    } else {
      copy.put(key.name(), key.validate(value));
    }
    return new OptionValues(copy);
  }

  /**
   * The given options of {@code set} as {@code --name=value} arguments that parse back into the
   * same values, secrets left out: a command line is visible to every user ({@code ps}), so they
   * travel in {@link #secretEnvironment}.
   */
  public List<String> toArgs(OptionSet set) {
    List<String> args = new ArrayList<>();
    for (OptionKey<?> key : set.keys()) {
      Object value = given.get(key.name());
      if (value == null || key.secret()) {
        continue;
      }
      if (value instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> {
              if (!key.secretEntry((String) k)) {
                args.add(key.flag() + "=" + k + "=" + v);
              }
            });
      } else {
        args.add(key.flag() + "=" + key.format(value));
      }
    }
    return args;
  }

  /** The secrets of {@code set} as the environment variables that carry them to a child. */
  public Map<String, String> secretEnvironment(OptionSet set) {
    Map<String, String> env = new TreeMap<>();
    for (OptionKey<?> key : set.keys()) {
      Object value = given.get(key.name());
      if (value == null) {
        continue;
      }
      if (key.secret()) {
        env.put(key.env(), key.format(value));
      } else if (key.hasSecretEntries() && value instanceof Map<?, ?> map) {
        Map<String, String> secret = new TreeMap<>();
        map.forEach(
            (k, v) -> {
              if (key.secretEntry((String) k)) {
                secret.put((String) k, (String) v);
              }
            });
        if (!secret.isEmpty()) {
          env.put(key.env(), KafkaPropertiesText.format(secret));
        }
      }
    }
    return Collections.unmodifiableMap(env);
  }

  /** Every option of {@code set} as {@code name=value}, secrets masked: for people and logs. */
  public String display(OptionSet set) {
    List<String> shown = new ArrayList<>();
    for (OptionKey<?> key : set.keys()) {
      Object value = get(key);
      if (value == null) {
        continue;
      }
      if (key.secret()) {
        shown.add(key.name() + "=" + MASK);
      } else if (value instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) ->
                shown.add(key.name() + "=" + k + "=" + (key.secretEntry((String) k) ? MASK : v)));
      } else {
        shown.add(key.name() + "=" + key.format(value));
      }
    }
    return String.join(", ", shown);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptionValues other && given.equals(other.given);
  }

  @Override
  public int hashCode() {
    return Objects.hash(given);
  }

  /** Names only: values may be secrets (use {@link #display}). */
  @Override
  public String toString() {
    return "OptionValues" + given.keySet();
  }
}
