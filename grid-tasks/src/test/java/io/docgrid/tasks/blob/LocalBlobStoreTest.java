package io.docgrid.tasks.blob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on a local directory. */
class LocalBlobStoreTest extends BlobStoreContract {

  @TempDir Path root;

  @Override
  BlobStore newStore() throws Exception {
    return new LocalBlobStore(root);
  }

  @Override
  BlobStore reopen() throws Exception {
    return new LocalBlobStore(root);
  }

  @Override
  void pretendPutAt(String sha256, Instant putAt) throws Exception {
    try (var stored = store.openDocument(sha256)) {
      Files.setLastModifiedTime(stored.path(), FileTime.from(putAt));
    }
  }
}
