package io.docgrid.node.config;

import java.nio.file.Path;

/**
 * Everything a {@code docgrid worker} is configured with: a compute-only node, with no API and no
 * database, that reads documents from the blob store and reports on a small status port.
 *
 * @param statusPort the port of health, readiness and metrics; 0 picks a free one
 * @param blobStore where documents are read from: the local directory or an S3 bucket
 */
public record WorkerConfig(
    Path dataDir,
    Path blobDir,
    NodeConfig.GridConfig grid,
    NodeConfig.JobsConfig jobs,
    String statusHost,
    int statusPort,
    BlobStoreConfig blobStore) {}
