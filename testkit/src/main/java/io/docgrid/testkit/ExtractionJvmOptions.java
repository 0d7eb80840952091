package io.docgrid.testkit;

import java.util.Arrays;
import java.util.List;

/**
 * The options the build gives the extraction child JVMs that tests start (JaCoCo's agent, so that
 * what runs only in a child counts towards coverage); none outside the build.
 */
public final class ExtractionJvmOptions {

  /** The system property the build sets, options separated by spaces. */
  public static final String PROPERTY = "docgrid.extraction.jvm.options";

  private ExtractionJvmOptions() {}

  public static List<String> fromBuild() {
    return Arrays.stream(System.getProperty(PROPERTY, "").trim().split("\\s+"))
        .filter(option -> !option.isEmpty())
        .toList();
  }

  /** The same options as one value, for {@code --extraction-jvm-option} or its variable. */
  public static String asOneValue() {
    return String.join(" ", fromBuild());
  }
}
