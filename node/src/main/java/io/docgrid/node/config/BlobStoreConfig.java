package io.docgrid.node.config;

import io.docgrid.tasks.blob.S3BlobStore;

/**
 * Where documents and results are kept: a local directory ({@link NodeConfig#blobDir()}, shared
 * only by nodes on one host), or an S3 bucket that nodes on different hosts share. The S3 settings'
 * text never shows the secret key.
 *
 * @param type which store
 * @param s3 the bucket and how to reach it; null for the local store
 */
public record BlobStoreConfig(Type type, S3BlobStore.Settings s3) {

  /** The kinds of blob store, as {@code --blob-store} names them. */
  public enum Type {
    LOCAL,
    S3
  }

  public BlobStoreConfig {
    if ((type == Type.S3) != (s3 != null)) {
      throw new IllegalArgumentException("S3 settings go with the S3 store, and only with it");
    }
  }

  /** The default: a directory under the data directory. */
  public static BlobStoreConfig local() {
    return new BlobStoreConfig(Type.LOCAL, null);
  }

  public static BlobStoreConfig s3(S3BlobStore.Settings s3) {
    return new BlobStoreConfig(Type.S3, s3);
  }
}
