package io.docgrid.tasks.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A blob store in a local directory: {@code documents/ab/cd/<sha256>}, {@code results/<job
 * id>.json} (and {@code .pdf} for a searchable PDF), the parts a result is assembled from in {@code
 * results/<job id>.parts/<part>.json}, and a {@code tmp/} spool directory, all on one volume so
 * that every write lands by atomic rename.
 */
public final class LocalBlobStore implements BlobStore {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path documents;
  private final Path results;
  private final Path temporary;

  public LocalBlobStore(Path root) throws IOException {
    this.documents = Files.createDirectories(root.resolve("documents"));
    this.results = Files.createDirectories(root.resolve("results"));
    this.temporary = Files.createDirectories(root.resolve("tmp"));
  }

  @Override
  public int deleteAbandonedTemporaryFiles() throws IOException {
    int deleted = 0;
    try (var files = Files.list(temporary)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  @Override
  public Path temporaryDirectory() {
    return temporary;
  }

  @Override
  public Path createTemporaryFile() throws IOException {
    return Files.createTempFile(temporary, "upload-", ".part");
  }

  @Override
  public void putDocument(String sha256, Path completeFile) throws IOException {
    Path target = documentPath(sha256);
    if (Files.exists(target)) {
      Files.deleteIfExists(completeFile);
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
      return;
    }
    Files.createDirectories(target.getParent());
    try {
      Files.move(completeFile, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raced) {
      Files.deleteIfExists(completeFile);
    }
  }

  @Override
  public boolean deleteDocument(String sha256, Instant putBefore) throws IOException {
    Path path = documentPath(sha256);
    try {
      if (!Files.getLastModifiedTime(path).toInstant().isBefore(putBefore)) {
        return false;
      }
    } catch (NoSuchFileException gone) {
      return false;
    }
    return Files.deleteIfExists(path);
  }

  @Override
  public boolean hasDocument(String sha256) {
    return Files.isRegularFile(documentPath(sha256));
  }

  @Override
  public DocumentFile openDocument(String sha256) throws IOException {
    Path path = documentPath(sha256);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException("document " + sha256);
    }
    return new DocumentFile() {
      @Override
      public Path path() {
        return path;
      }

      @Override
      public void close() {
        // The store's own file: nothing to release.
      }
    };
  }

  @Override
  public void putResult(UUID jobId, ResultKind kind, Path completeFile) throws IOException {
    try {
      moveReplacing(completeFile, resultPath(jobId, kind));
    } finally {
      Files.deleteIfExists(completeFile);
    }
  }

  @Override
  public Optional<InputStream> openResult(UUID jobId, ResultKind kind) throws IOException {
    try {
      return Optional.of(Files.newInputStream(resultPath(jobId, kind)));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    }
  }

  @Override
  public void putResultPart(UUID jobId, int part, Path completeFile) throws IOException {
    try {
      Files.createDirectories(partsDirectory(jobId));
      moveReplacing(completeFile, partPath(jobId, part));
    } finally {
      Files.deleteIfExists(completeFile);
    }
  }

  @Override
  public Optional<InputStream> openResultPart(UUID jobId, int part) throws IOException {
    try {
      return Optional.of(Files.newInputStream(partPath(jobId, part)));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    }
  }

  @Override
  public int deleteResultParts(UUID jobId) throws IOException {
    Path directory = partsDirectory(jobId);
    int deleted = 0;
    try (var parts = Files.list(directory)) {
      for (Path part : (Iterable<Path>) parts::iterator) {
        if (Files.deleteIfExists(part)) {
          deleted++;
        }
      }
    } catch (NoSuchFileException none) {
      return 0;
    }
    Files.deleteIfExists(directory);
    return deleted;
  }

  @Override
  public boolean deleteResult(UUID jobId) throws IOException {
    for (ResultKind kind : ResultKind.values()) {
      if (kind != ResultKind.JSON) {
        Files.deleteIfExists(resultPath(jobId, kind));
      }
    }
    deleteResultParts(jobId);
    return Files.deleteIfExists(resultPath(jobId));
  }

  @Override
  public boolean isUsable() {
    try {
      Path probe = Files.createTempFile(temporary, "probe-", ".tmp");
      Files.delete(probe);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private Path documentPath(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
    return documents
        .resolve(sha256.substring(0, 2))
        .resolve(sha256.substring(2, 4))
        .resolve(sha256);
  }

  private Path resultPath(UUID jobId) {
    return resultPath(jobId, ResultKind.JSON);
  }

  private Path resultPath(UUID jobId, ResultKind kind) {
    return results.resolve(jobId + "." + kind.extension());
  }

  private Path partsDirectory(UUID jobId) {
    return results.resolve(jobId + ".parts");
  }

  private Path partPath(UUID jobId, int part) {
    if (part < 0) {
      throw new IllegalArgumentException("a result part is numbered from 0, got " + part);
    }
    return partsDirectory(jobId).resolve(part + ".json");
  }

  private static void moveReplacing(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
