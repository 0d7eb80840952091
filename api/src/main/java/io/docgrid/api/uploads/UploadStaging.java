package io.docgrid.api.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where the bytes of unfinished uploads wait: one file per upload in a directory of this node (or
 * one several API nodes share, see docs/uploads.md). Bytes are appended only at the offset the
 * database records, and whatever lies beyond it (a chunk that failed its checksum, or was cut off
 * before its offset was recorded) is cut away before the next append.
 */
public final class UploadStaging {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path directory;

  public UploadStaging(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /** The result of one append: bytes written, and the SHA-256 of exactly those bytes. */
  record Appended(long bytes, byte[] sha256, boolean exceeded) {}

  void create(UUID id) throws IOException {
    Files.deleteIfExists(file(id));
    Files.createFile(file(id));
  }

  boolean exists(UUID id) {
    return Files.exists(file(id));
  }

  /**
   * The one writer of an upload's file, or empty while another holds it: in this JVM or, on a
   * volume API nodes share, in another (a file lock).
   */
  Optional<Writer> writer(UUID id) throws IOException {
    FileChannel channel =
        FileChannel.open(file(id), StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new Writer(channel));
  }

  /** Exclusive access to one upload's file; closing it lets the next writer in. */
  static final class Writer implements AutoCloseable {

    private final FileChannel channel;

    private Writer(FileChannel channel) {
      this.channel = channel;
    }

    /**
     * Appends what {@code body} holds at {@code offset}, at most {@code room} bytes; reading one
     * more marks the append as exceeding. A body cut off early keeps what arrived before the cut,
     * which tus asks of a server so that the client resumes from there. Bytes written are forced to
     * disk before this returns, so the offset recorded next never runs ahead of them.
     */
    Appended append(long offset, InputStream body, long room) throws IOException {
      MessageDigest digest = sha256();
      long written = 0;
      boolean exceeded = false;
      channel.truncate(offset);
      channel.position(offset);
      byte[] buffer = new byte[BUFFER_BYTES];
      try {
        int read;
        while ((read = body.read(buffer)) != -1) {
          int kept = (int) Math.min(read, room - written);
          if (kept > 0) {
            channel.write(ByteBuffer.wrap(buffer, 0, kept));
            digest.update(buffer, 0, kept);
            written += kept;
          }
          if (kept < read) {
            exceeded = true;
            break;
          }
        }
      } catch (IOException cutOff) {
        // The client went away mid-chunk: keep what arrived; it resumes from there.
      }
      channel.force(false);
      return new Appended(written, digest.digest(), exceeded);
    }

    /** Cuts the file back to {@code offset}, dropping a chunk that may not be kept. */
    void truncate(long offset) throws IOException {
      channel.truncate(offset);
      channel.force(false);
    }

    /** The SHA-256 of the whole file, hex. */
    String sha256Of() throws IOException {
      MessageDigest digest = sha256();
      channel.position(0);
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      while (channel.read(buffer) != -1) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
      channel.close(); // releases the lock
    }
  }

  /**
   * Copies the complete upload to {@code target}: a hard link where the file system allows, so a
   * large upload costs no second copy; the upload keeps its own name until it expires or is
   * terminated.
   */
  void copyTo(UUID id, Path target) throws IOException {
    Files.deleteIfExists(target);
    try {
      Files.createLink(target, file(id));
    } catch (IOException | UnsupportedOperationException otherVolume) {
      Files.copy(file(id), target);
    }
  }

  void delete(UUID id) throws IOException {
    Files.deleteIfExists(file(id));
  }

  /** Uploads whose file was last written before {@code cutoff}, by id. */
  List<UUID> untouchedSince(Instant cutoff) throws IOException {
    List<UUID> stale = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Optional<UUID> id = idOf(file);
        if (id.isPresent() && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
          stale.add(id.get());
        }
      }
    }
    return stale;
  }

  private static Optional<UUID> idOf(Path file) {
    try {
      return Optional.of(UUID.fromString(file.getFileName().toString()));
    } catch (IllegalArgumentException notOurs) {
      return Optional.empty();
    }
  }

  private Path file(UUID id) {
    return directory.resolve(id.toString());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
