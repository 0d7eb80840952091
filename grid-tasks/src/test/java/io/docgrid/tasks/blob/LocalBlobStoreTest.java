package io.docgrid.tasks.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

  private static final String SHA = "a".repeat(64);

  @TempDir Path root;

  @Test
  void a_stored_document_is_readable_and_the_spool_file_is_gone() throws Exception {
    LocalBlobStore store = new LocalBlobStore(root);
    Path spool = store.createTemporaryFile();
    Files.writeString(spool, "hello");

    store.putDocument(SHA, spool);

    assertThat(spool).doesNotExist();
    assertThat(store.hasDocument(SHA)).isTrue();
    try (var document = store.openDocument(SHA)) {
      assertThat(Files.readString(document.path())).isEqualTo("hello");
    }
  }

  @Test
  void storing_the_same_bytes_twice_keeps_one_copy_and_discards_the_second_spool()
      throws Exception {
    LocalBlobStore store = new LocalBlobStore(root);
    Path first = store.createTemporaryFile();
    Files.writeString(first, "same");
    store.putDocument(SHA, first);
    Path second = store.createTemporaryFile();
    Files.writeString(second, "same");

    store.putDocument(SHA, second);

    assertThat(second).doesNotExist();
    try (var files = Files.list(store.temporaryDirectory())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void results_round_trip_and_missing_ones_are_empty() throws Exception {
    LocalBlobStore store = new LocalBlobStore(root);
    UUID job = UUID.randomUUID();
    assertThat(store.readResult(job)).isEmpty();

    store.putResult(job, "{\"pages\":[]}".getBytes(StandardCharsets.UTF_8));

    assertThat(store.readResult(job))
        .hasValueSatisfying(
            bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("pages"));
  }

  @Test
  void hashes_that_are_not_sha256_are_refused_before_touching_the_disk() throws Exception {
    LocalBlobStore store = new LocalBlobStore(root);
    assertThatThrownBy(() -> store.openDocument("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.openDocument("b".repeat(64)))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void abandoned_spool_files_are_swept_at_start() throws Exception {
    LocalBlobStore store = new LocalBlobStore(root);
    store.createTemporaryFile();
    store.createTemporaryFile();

    assertThat(new LocalBlobStore(root).deleteAbandonedTemporaryFiles()).isEqualTo(2);
    assertThat(store.isUsable()).isTrue();
  }
}
