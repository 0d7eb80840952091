package io.docgrid.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code a problem document or a failed job can carry is explained to the people who meet it:
 * in the API reference or in the troubleshooting guide. {@link ErrorCode} holds them all (a
 * document error reaches clients through {@link ErrorMapper#codeOf}), so a code added without its
 * explanation fails here.
 */
class ErrorCodesDocumentedTest {

  private static final Path API_REFERENCE = Path.of("..", "docs", "api.md");
  private static final Path TROUBLESHOOTING = Path.of("..", "docs", "troubleshooting.md");

  @Test
  void every_error_code_is_explained_in_the_api_reference_or_the_troubleshooting_guide()
      throws IOException {
    String docs = Files.readString(API_REFERENCE) + Files.readString(TROUBLESHOOTING);
    List<String> unexplained =
        Arrays.stream(ErrorCode.values())
            .map(ErrorCode::name)
            .filter(code -> !docs.contains("`" + code + "`"))
            .toList();
    assertThat(unexplained).as("codes that neither document names").isEmpty();
  }

  @Test
  void the_troubleshooting_guide_names_only_codes_the_api_has() throws IOException {
    List<String> known = Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList();
    List<String> named =
        Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")
            .matcher(Files.readString(TROUBLESHOOTING))
            .results()
            .map(match -> match.group(1))
            .filter(name -> !name.startsWith("DOCGRID_"))
            .distinct()
            .toList();
    assertThat(named).isNotEmpty();
    assertThat(known).as("codes of ErrorCode").containsAll(named);
  }
}
