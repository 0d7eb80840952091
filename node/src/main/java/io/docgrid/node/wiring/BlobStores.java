package io.docgrid.node.wiring;

import io.docgrid.node.config.BlobStoreConfig;
import io.docgrid.tasks.blob.BlobStore;
import io.docgrid.tasks.blob.LocalBlobStore;
import io.docgrid.tasks.blob.S3BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the configured blob store, the same way for serve and worker. */
public final class BlobStores {

  private static final Logger log = LoggerFactory.getLogger(BlobStores.class);

  private BlobStores() {}

  /**
   * @param closeLast receives a store that holds resources, to be closed after all that use it
   */
  static BlobStore open(BlobStoreConfig config, Path blobDir, Consumer<AutoCloseable> closeLast)
      throws IOException {
    if (config.type() == BlobStoreConfig.Type.S3) {
      S3BlobStore s3 = new S3BlobStore(config.s3());
      closeLast.accept(s3);
      if (!s3.isUsable()) {
        log.warn("{} cannot be reached yet; the node reports not ready until it can", s3);
      }
      return s3;
    }
    return new LocalBlobStore(blobDir);
  }
}
