package io.docgrid.api.jobs;

import java.nio.file.Path;

/** An upload spooled to a temporary file, hashed and measured while it arrived. */
record ReceivedUpload(Path file, String sha256, long sizeBytes, String fileName, String options) {}
