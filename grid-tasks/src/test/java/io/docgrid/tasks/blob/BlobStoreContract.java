package io.docgrid.tasks.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} does, run against each implementation by a subclass that says how to
 * make one on real storage.
 */
abstract class BlobStoreContract {

  /** Documents are stored under the SHA-256 of their bytes, which a store may check. */
  static final String CONTENT = "hello";

  static final String SHA = sha256(CONTENT);

  BlobStore store;

  /** A new store on empty storage. */
  abstract BlobStore newStore() throws Exception;

  /** Another store on the same storage and spool directory, as after a restart. */
  abstract BlobStore reopen() throws Exception;

  /** Makes the stored document {@code sha256} look as if it was last put at {@code putAt}. */
  abstract void pretendPutAt(String sha256, Instant putAt) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void a_stored_document_is_readable_and_the_spool_file_is_gone() throws Exception {
    Path spool = store.createTemporaryFile();
    Files.writeString(spool, CONTENT);

    store.putDocument(SHA, spool);

    assertThat(spool).doesNotExist();
    assertThat(store.hasDocument(SHA)).isTrue();
    try (var document = store.openDocument(SHA)) {
      assertThat(Files.readString(document.path())).isEqualTo(CONTENT);
    }
  }

  @Test
  void storing_the_same_bytes_twice_keeps_one_copy_and_discards_the_second_spool()
      throws Exception {
    Path first = store.createTemporaryFile();
    Files.writeString(first, CONTENT);
    store.putDocument(SHA, first);
    Path second = store.createTemporaryFile();
    Files.writeString(second, CONTENT);

    store.putDocument(SHA, second);

    assertThat(second).doesNotExist();
    try (var files = Files.list(store.temporaryDirectory())) {
      assertThat(files).isEmpty();
    }
    try (var document = store.openDocument(SHA)) {
      assertThat(Files.readString(document.path())).isEqualTo(CONTENT);
    }
  }

  @Test
  void results_round_trip_and_missing_ones_are_empty() throws Exception {
    UUID job = UUID.randomUUID();
    assertThat(readResult(job)).isEmpty();

    putResult(job, "{\"pages\":[]}");

    assertThat(readResult(job)).hasValueSatisfying(json -> assertThat(json).contains("pages"));
  }

  @Test
  void a_result_written_again_replaces_the_first() throws Exception {
    UUID job = UUID.randomUUID();
    putResult(job, "{\"v\":1}");

    putResult(job, "{\"v\":2}");

    assertThat(readResult(job)).hasValue("{\"v\":2}");
  }

  @Test
  void result_parts_round_trip_by_number_whatever_order_they_were_written_in() throws Exception {
    UUID job = UUID.randomUUID();
    assertThat(store.openResultPart(job, 0)).isEmpty();

    store.putResultPart(job, 2, file("[3]"));
    store.putResultPart(job, 0, file("[1]"));
    store.putResultPart(job, 1, file("[2]"));

    assertThat(readPart(job, 0)).hasValue("[1]");
    assertThat(readPart(job, 1)).hasValue("[2]");
    assertThat(readPart(job, 2)).hasValue("[3]");
    assertThat(store.openResultPart(job, 3)).isEmpty();
    assertThat(store.openResultPart(UUID.randomUUID(), 0)).isEmpty();
  }

  @Test
  void a_part_written_again_replaces_the_first_and_its_file_is_gone() throws Exception {
    UUID job = UUID.randomUUID();
    store.putResultPart(job, 0, file("[\"first try\"]"));
    Path retried = file("[\"retried\"]");

    store.putResultPart(job, 0, retried);

    assertThat(readPart(job, 0)).hasValue("[\"retried\"]");
    assertThat(retried).doesNotExist();
  }

  @Test
  void parts_are_deleted_on_their_own_and_with_the_result() throws Exception {
    UUID job = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    store.putResultPart(job, 0, file("[1]"));
    store.putResultPart(job, 1, file("[2]"));
    store.putResultPart(other, 0, file("[1]"));

    assertThat(store.deleteResultParts(job)).isEqualTo(2);
    assertThat(store.openResultPart(job, 0)).isEmpty();
    assertThat(store.deleteResultParts(job)).isZero();

    putResult(other, "{}");
    assertThat(store.deleteResult(other)).isTrue();
    assertThat(store.openResultPart(other, 0)).isEmpty();
  }

  @Test
  void a_part_numbered_below_zero_is_refused() {
    assertThatThrownBy(() -> store.openResultPart(UUID.randomUUID(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashes_that_are_not_sha256_are_refused_before_touching_the_storage() throws Exception {
    assertThatThrownBy(() -> store.openDocument("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.hasDocument("A".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.openDocument("b".repeat(64)))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void a_missing_document_is_absent_and_deleting_it_deletes_nothing() throws Exception {
    String missing = "c".repeat(64);

    assertThat(store.hasDocument(missing)).isFalse();
    assertThat(store.deleteDocument(missing, Instant.now().plusSeconds(60))).isFalse();
  }

  @Test
  void abandoned_spool_files_are_swept_at_start() throws Exception {
    store.createTemporaryFile();
    store.createTemporaryFile();

    BlobStore restarted = reopen();
    try {
      assertThat(restarted.deleteAbandonedTemporaryFiles()).isEqualTo(2);
      assertThat(restarted.isUsable()).isTrue();
      try (var files = Files.list(restarted.temporaryDirectory())) {
        assertThat(files).isEmpty();
      }
    } finally {
      if (restarted instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void a_document_put_before_the_cutoff_is_deleted_and_one_put_again_since_is_kept()
      throws Exception {
    Path spool = store.createTemporaryFile();
    Files.writeString(spool, CONTENT);
    store.putDocument(SHA, spool);
    Instant afterFirstPut = Instant.now().plusSeconds(1);

    assertThat(store.deleteDocument(SHA, afterFirstPut.minusSeconds(60))).isFalse();
    assertThat(store.hasDocument(SHA)).isTrue();

    pretendPutAt(SHA, afterFirstPut.minusSeconds(120));
    Path again = store.createTemporaryFile();
    Files.writeString(again, CONTENT);
    store.putDocument(SHA, again); // uploaded again: marked as put now
    assertThat(again).doesNotExist();
    assertThat(store.deleteDocument(SHA, afterFirstPut.minusSeconds(60))).isFalse();

    assertThat(store.deleteDocument(SHA, afterFirstPut.plusSeconds(60))).isTrue();
    assertThat(store.hasDocument(SHA)).isFalse();
    assertThat(store.deleteDocument(SHA, afterFirstPut.plusSeconds(60))).isFalse();
  }

  @Test
  void a_result_is_deleted_once() throws Exception {
    UUID job = UUID.randomUUID();
    putResult(job, "{}");

    assertThat(store.deleteResult(job)).isTrue();
    assertThat(readResult(job)).isEmpty();
    assertThat(store.deleteResult(job)).isFalse();
  }

  @Test
  void a_fresh_store_is_usable() {
    assertThat(store.isUsable()).isTrue();
  }

  private void putResult(UUID job, String json) throws Exception {
    store.putResult(job, ResultKind.JSON, file(json));
  }

  private Optional<String> readResult(UUID job) throws Exception {
    return read(store.openResult(job, ResultKind.JSON));
  }

  private Optional<String> readPart(UUID job, int part) throws Exception {
    return read(store.openResultPart(job, part));
  }

  private Path file(String content) throws Exception {
    Path file = store.createTemporaryFile();
    Files.writeString(file, content);
    return file;
  }

  private static Optional<String> read(Optional<InputStream> stream) throws Exception {
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = stream.get()) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
