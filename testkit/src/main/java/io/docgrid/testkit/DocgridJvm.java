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

  /** {@code serve} with its data in {@code data} and its API on {@code port}, then {@code more}. */
  public static List<String> serve(Path data, int port, String... more) {
    return command("serve", data, "--port", port, more);
  }

  /**
   * {@code worker} with its data in {@code data} and its status on {@code statusPort}, then {@code
   * more}.
   */
  public static List<String> worker(Path data, int statusPort, String... more) {
    return command("worker", data, "--status-port", statusPort, more);
  }

  /**
   * Grid flags on free ports of their own, {@code range} of each kind: nodes given the same flags
   * form one cluster, which meets no other.
   */
  public static List<String> gridOnFreePorts(int range) {
    int[] ports = FreePorts.blocks(range, 2);
    return List.of(
        "--discovery-port",
        Integer.toString(ports[0]),
        "--discovery-port-range",
        Integer.toString(range),
        "--communication-port",
        Integer.toString(ports[1]));
  }

  private static List<String> command(
      String name, Path data, String portFlag, int port, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(name, "--data-dir", data.toString(), portFlag, Integer.toString(port)));
    args.addAll(Arrays.asList(more));
    return args;
  }

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
