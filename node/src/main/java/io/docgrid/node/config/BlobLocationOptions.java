package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the blob store is, for commands that read it without a node: the options of {@code serve}
 * that say so, with the same names and defaults.
 */
public final class BlobLocationOptions {

  @Mixin BlobStoreOptions blobStore;

  @Option(
      names = "--blob-dir",
      description = "Where documents and results are kept (default: <data-dir>/blobs).")
  String blobDir;

  /** The blob store and its directory; {@code dataDir} gives the default directory. */
  public record Location(BlobStoreConfig store, Path blobDir) {}

  public Location toConfig(List<String> problems, Path dataDir) {
    BlobStoreConfig store = blobStore.toConfig(problems, dataDir);
    boolean dirGiven = blobDir != null && !blobDir.isBlank();
    if (blobStore.isS3() && dirGiven) {
      problems.add(setting("--blob-dir") + " applies to --blob-store local only");
    }
    return new Location(store, dirGiven ? Path.of(blobDir) : dataDir.resolve("blobs"));
  }
}
