package dev.userstream.model;

/**
 * One option of {@link PipelineOptions}, for {@code --help} and docs/configuration.md.
 *
 * @param name the option name without dashes, e.g. {@code bootstrap-servers}
 * @param defaultValue the default as it would be typed, empty when there is none
 * @param description one line saying what it does
 */
public record OptionSpec(String name, String defaultValue, String description) {

  /** {@code --name} as typed on a command line. */
  public String flag() {
    return "--" + name;
  }
}
