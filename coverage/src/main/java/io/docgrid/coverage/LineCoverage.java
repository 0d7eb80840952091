package io.docgrid.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the line coverage of JaCoCo's aggregate CSV report: each module's, then all together. Run
 * by the build as a single-file program: {@code java LineCoverage.java <jacoco.csv>}.
 */
public final class LineCoverage {

  private static final int GROUP = 0;
  private static final int LINE_MISSED = 7;
  private static final int LINE_COVERED = 8;

  private record Lines(long covered, long missed) {
    Lines plus(Lines other) {
      return new Lines(covered + other.covered, missed + other.missed);
    }

    String describe() {
      long total = covered + missed;
      double percent = total == 0 ? 0 : 100.0 * covered / total;
      return String.format(Locale.ROOT, "%.1f %% (%d of %d lines)", percent, covered, total);
    }
  }

  public static void main(String[] args) throws IOException {
    Path report = Path.of(args[0]);
    if (!Files.exists(report)) {
      System.out.println("Line coverage: no report at " + report + " (tests skipped?)");
      return;
    }
    List<String> rows = Files.readAllLines(report);
    Map<String, Lines> byModule = new TreeMap<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",", -1);
      Lines lines =
          new Lines(Long.parseLong(cells[LINE_COVERED]), Long.parseLong(cells[LINE_MISSED]));
      byModule.merge(module(cells[GROUP]), lines, Lines::plus);
    }
    if (byModule.isEmpty()) {
      // report-aggregate finds the modules in the reactor: the build ran without them.
      System.out.println("Line coverage: the report lists no classes; build from the root");
      return;
    }
    Lines all = byModule.values().stream().reduce(new Lines(0, 0), Lines::plus);
    byModule.forEach(
        (module, lines) ->
            System.out.printf(Locale.ROOT, "  %-20s %s%n", module, lines.describe()));
    System.out.println("Line coverage, all modules: " + all.describe());
  }

  /** The group of a row is the report's path to it; its last part names the module. */
  private static String module(String group) {
    return group.substring(group.lastIndexOf('/') + 1);
  }
}
