package io.docgrid.tasks.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TessdataDirectoryTest {

  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path temporary;

  @Test
  void the_build_bundles_eng_and_osd() {
    assertThat(TessdataDirectory.bundledLanguages()).containsExactly("eng", "osd");
  }

  @Test
  void install_copies_the_bundled_models_into_a_new_directory() throws IOException {
    Path directory = temporary.resolve("models/tessdata");

    TessdataDirectory models = TessdataDirectory.install(directory);

    assertThat(models.path()).isEqualTo(directory.toAbsolutePath());
    assertThat(models.languages()).containsExactly("eng", "osd");
    assertThat(models.hasLanguages(List.of("eng", "osd"))).isTrue();
    assertThat(models.hasLanguages(List.of("eng", "deu"))).isFalse();
    assertThat(Files.size(directory.resolve("eng.traineddata"))).isEqualTo(4_113_088L);
    assertThat(Files.size(directory.resolve("osd.traineddata"))).isGreaterThan(1_000_000L);
    try (var files = Files.list(directory)) {
      assertThat(files).as("no temporary files left behind").hasSize(2);
    }
  }

  @Test
  void a_second_install_keeps_the_files_already_there() throws IOException {
    Path directory = temporary.resolve("tessdata");
    TessdataDirectory.install(directory);
    Files.setLastModifiedTime(directory.resolve("eng.traineddata"), LONG_AGO);
    Files.setLastModifiedTime(directory.resolve("osd.traineddata"), LONG_AGO);

    TessdataDirectory.install(directory);

    assertThat(Files.getLastModifiedTime(directory.resolve("eng.traineddata"))).isEqualTo(LONG_AGO);
    assertThat(Files.getLastModifiedTime(directory.resolve("osd.traineddata"))).isEqualTo(LONG_AGO);
  }

  @Test
  void install_replaces_a_truncated_model() throws IOException {
    Path directory = temporary.resolve("tessdata");
    TessdataDirectory.install(directory);
    Path eng = directory.resolve("eng.traineddata");
    Files.write(eng, new byte[] {1, 2, 3});

    TessdataDirectory.install(directory);

    assertThat(Files.size(eng)).isEqualTo(4_113_088L);
  }

  @Test
  void models_an_operator_adds_are_listed_and_theirs_are_left_alone() throws IOException {
    Path directory = temporary.resolve("tessdata");
    Files.createDirectories(directory);
    Files.write(directory.resolve("deu.traineddata"), new byte[] {42});
    Files.write(directory.resolve("README.txt"), new byte[] {42});

    TessdataDirectory models = TessdataDirectory.install(directory);

    assertThat(models.languages()).containsExactly("deu", "eng", "osd");
    assertThat(models.hasLanguages(List.of("eng", "deu"))).isTrue();
    assertThat(Files.readAllBytes(directory.resolve("deu.traineddata"))).containsExactly(42);
  }

  @Test
  void models_are_found_inside_a_packaged_jar() throws IOException {
    // Nodes run from the jar, not from target/classes: list and copy through a jar: URL.
    Path jar = temporary.resolve("models.jar");
    byte[] model = "not really a model".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(TessdataDirectory.RESOURCE_DIRECTORY));
      out.closeEntry();
      writeEntry(out, TessdataDirectory.RESOURCE_DIRECTORY + "xyz.traineddata", model);
      writeEntry(out, TessdataDirectory.RESOURCE_DIRECTORY + "notes.txt", model);
    }
    Path directory = temporary.resolve("from-jar");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      TessdataDirectory models = TessdataDirectory.install(directory, loader);

      assertThat(models.languages()).containsExactly("xyz");
      assertThat(Files.readAllBytes(directory.resolve("xyz.traineddata"))).isEqualTo(model);
    }
  }

  private static void writeEntry(JarOutputStream jar, String name, byte[] content)
      throws IOException {
    jar.putNextEntry(new JarEntry(name));
    OutputStream out = jar;
    out.write(content);
    jar.closeEntry();
  }
}
