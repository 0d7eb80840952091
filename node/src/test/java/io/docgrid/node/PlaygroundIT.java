package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.docgrid.testkit.Corpus;
import io.docgrid.testkit.TestPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web playground in headless Chromium (Debian's chromium, driven by Playwright from npm;
 * .ci/run installs both): src/test/playground's tests upload a scan and a PDF through the page of a
 * real node, wait for them, check the text and images shown, check the page with axe-core against
 * WCAG 2.1 A and AA as it opens, with results shown and on a phone, and keep screenshots in
 * target/playground-screenshots.
 */
class PlaygroundIT {

  private static final Path SOURCES = Path.of("src", "test", "playground").toAbsolutePath();
  private static final Path RUN_DIR = Path.of("target", "playground-tests").toAbsolutePath();
  private static final Path SCREENSHOTS =
      Path.of("target", "playground-screenshots").toAbsolutePath();
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "playground.test.mjs");

  @Test
  void the_playground_shows_a_scan_and_a_pdf_in_headless_chromium(@TempDir Path temp)
      throws Exception {
    installTests();
    Path scan = temp.resolve("invoice-scan.png");
    Files.write(scan, TestPages.png(TestPages.scan(2.0, 6, new Random(11))));
    Path pdf = Corpus.dev("pypdf__pdflatex-4-pages.pdf");

    try (TestNode node =
        TestNodeConfig.in(temp.resolve("data")).compute(true).maxUpload(16L << 20).start()) {
      String output =
          ExternalCommand.succeeds(
              RUN_DIR,
              List.of("node", "--test", "playground.test.mjs"),
              Map.of(
                  "DOCGRID_URL",
                  node.http.base,
                  "DOCGRID_API_KEY",
                  node.adminKey,
                  "PLAYGROUND_SCAN",
                  scan.toString(),
                  "PLAYGROUND_SCAN_WORDS",
                  "Invoice|quarterly|maintenance|payment",
                  "PLAYGROUND_PDF",
                  pdf.toString(),
                  "PLAYGROUND_SCREENSHOTS",
                  SCREENSHOTS.toString()));
      assertThat(output).contains("# pass 6").contains("# fail 0");
    }
    assertThat(SCREENSHOTS.resolve("playground-results.png")).isNotEmptyFile();
    assertThat(SCREENSHOTS.resolve("playground-phone.png")).isNotEmptyFile();
  }

  /** The tests and their packages (playwright-core, axe-core) in target/, from the lock file. */
  private static void installTests() throws Exception {
    Files.createDirectories(RUN_DIR);
    for (String file : FILES) {
      Files.copy(SOURCES.resolve(file), RUN_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(RUN_DIR.resolve("node_modules").resolve("playwright-core"))
        || !Files.isDirectory(RUN_DIR.resolve("node_modules").resolve("axe-core"))) {
      ExternalCommand.succeeds(RUN_DIR, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
    }
  }
}
