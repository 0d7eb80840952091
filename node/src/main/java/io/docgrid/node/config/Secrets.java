package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Secrets (passwords, keys) are never flags, so that they never show in {@code ps}. Each comes from
 * the file its {@code --…-file} option names or else from the environment variable that option's
 * twin names without {@code _FILE}: {@code --db-password-file} or {@code DOCGRID_DB_PASSWORD}.
 *
 * <p>Every secret behaves the same way. The file wins over the variable. Surrounding whitespace is
 * dropped (a file's last newline). A file that cannot be read, a file with nothing in it and a
 * variable set to nothing are problems that name the file or the variable, never the value. Neither
 * source given means no secret, which only some settings allow ({@link #required}).
 */
public final class Secrets {

  private static final String FILE_SUFFIX = "-file";

  private final Environment environment;

  public Secrets(Environment environment) {
    this.environment = environment;
  }

  /**
   * The variable of the secret whose file {@code fileOption} names: the option's twin less _FILE.
   */
  public static String variableFor(String fileOption) {
    if (!fileOption.endsWith(FILE_SUFFIX)) {
      throw new IllegalArgumentException(fileOption + " does not name a file");
    }
    return EnvironmentDefaults.variableFor(
        fileOption.substring(0, fileOption.length() - FILE_SUFFIX.length()));
  }

  /**
   * Where a secret may come from, for messages: {@code DOCGRID_DB_PASSWORD or --db-password-file}.
   */
  public static String sources(String fileOption) {
    return variableFor(fileOption) + " or " + fileOption;
  }

  /** The secret; empty when neither source is given, or when one is unusable (then a problem). */
  public Optional<String> optional(String fileOption, Path file, List<String> problems) {
    return file != null
        ? file(fileOption, file, problems).map(String::strip)
        : variable(variableFor(fileOption), problems);
  }

  /** The secret, which must be given: with neither source, {@code missing} becomes a problem. */
  public Optional<String> required(
      String fileOption, Path file, String missing, List<String> problems) {
    if (file == null && !environment.variables().containsKey(variableFor(fileOption))) {
      problems.add(missing);
      return Optional.empty();
    }
    return optional(fileOption, file, problems);
  }

  /**
   * A variable that holds a secret on its own (one half of a key pair): empty when unset, a problem
   * when set to nothing.
   */
  public Optional<String> variable(String name, List<String> problems) {
    String value = environment.variables().get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank()) {
      problems.add(name + " is set to nothing; set it to the secret or unset it");
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  /**
   * The text of a file of secrets as written, for a file with a format of its own (the S3 key
   * pair): empty, with a problem, when it cannot be read or holds only whitespace.
   */
  public Optional<String> file(String fileOption, Path file, List<String> problems) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      problems.add(setting(fileOption) + " cannot be read: " + file);
      return Optional.empty();
    }
    if (text.isBlank()) {
      problems.add(setting(fileOption) + " is empty: " + file);
      return Optional.empty();
    }
    return Optional.of(text);
  }
}
