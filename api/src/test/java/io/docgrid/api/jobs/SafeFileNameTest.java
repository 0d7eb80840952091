package io.docgrid.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNameTest {

  @Test
  void keeps_ordinary_names() {
    assertThat(SafeFileName.of("Quarterly report (final).pdf"))
        .isEqualTo("Quarterly report (final).pdf");
    assertThat(SafeFileName.of("Übersicht – 2026.docx")).isEqualTo("Übersicht – 2026.docx");
  }

  @Test
  void drops_directory_parts_of_either_separator() {
    assertThat(SafeFileName.of("../../etc/passwd")).isEqualTo("passwd");
    assertThat(SafeFileName.of("C:\\Users\\me\\scan.pdf")).isEqualTo("scan.pdf");
  }

  @Test
  void drops_control_and_bidi_override_characters() {
    assertThat(SafeFileName.of("inv\u0000oice\r\n.pdf")).isEqualTo("invoice.pdf");
    assertThat(SafeFileName.of("harmless\u202Efdp.exe")).isEqualTo("harmlessfdp.exe");
  }

  @Test
  void never_returns_an_empty_or_hidden_name() {
    assertThat(SafeFileName.of(null)).isEqualTo(SafeFileName.FALLBACK);
    assertThat(SafeFileName.of("")).isEqualTo(SafeFileName.FALLBACK);
    assertThat(SafeFileName.of("..")).isEqualTo(SafeFileName.FALLBACK);
    assertThat(SafeFileName.of("/")).isEqualTo(SafeFileName.FALLBACK);
    assertThat(SafeFileName.of(".bashrc")).isEqualTo("bashrc");
  }

  @Test
  void bounds_absurd_lengths_and_keeps_the_extension() {
    String name = SafeFileName.of("a".repeat(10_000) + ".pdf");
    assertThat(name).hasSize(SafeFileName.MAX_LENGTH).endsWith(".pdf");
  }

  @Test
  void extension_is_lower_cased() {
    assertThat(SafeFileName.extensionOf("Scan.PDF")).isEqualTo(".pdf");
    assertThat(SafeFileName.extensionOf("README")).isEmpty();
  }
}
