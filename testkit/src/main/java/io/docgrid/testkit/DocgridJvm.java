package io.docgrid.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code docgrid} command in a JVM of its own, as tests start it: on the test classpath, with
 * the JVM flags the build hands on (Ignite's opens, JaCoCo's agent), and with the build's options
 * for the extraction children it starts in turn.
 */
public final class DocgridJvm {

  /** The system property with the flags of the docgrid JVMs that tests start. */
  public static final String FLAGS_PROPERTY = "docgrid.ignite.jvm.flags";

  /** The variable twin of {@code --extraction-jvm-option}. */
  static final String EXTRACTION_OPTIONS_VARIABLE = "DOCGRID_EXTRACTION_JVM_OPTION";

  private static final String MAIN = "io.docgrid.node.Main";

  private DocgridJvm() {}

  /**
   * {@code docgrid <args>} in a JVM with {@code heap} and {@code jvmOptions}; the caller redirects
   * its output and starts it.
   */
  public static ProcessBuilder processBuilder(
      String heap, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    command.addAll(Arrays.asList(System.getProperty(FLAGS_PROPERTY, "").trim().split("\\s+")));
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(MAIN);
    command.addAll(args);
    command.removeIf(String::isEmpty);
    ProcessBuilder builder = new ProcessBuilder(command);
    String extraction = ExtractionJvmOptions.asOneValue();
    if (!extraction.isEmpty()) {
      builder.environment().put(EXTRACTION_OPTIONS_VARIABLE, extraction);
    }
    return builder;
  }
}
