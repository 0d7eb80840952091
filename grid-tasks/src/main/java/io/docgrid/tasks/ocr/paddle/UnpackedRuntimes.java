package io.docgrid.tasks.ocr.paddle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builds of ONNX Runtime unpacked side by side under one directory, one folder each, and which
 * of them some process still loads from.
 *
 * <p>Every upgrade of ONNX Runtime leaves its predecessor's folder behind (tens of megabytes; the
 * GPU build, hundreds). A folder may only go when no process on the data directory loads from it,
 * old nodes and their extraction children included. A process claims its folder with a shared lock
 * on a byte of one lock file beside the folders, the byte chosen by the folder's name, and holds it
 * until it exits; a folder whose byte another process can lock exclusively is claimed by none and
 * is removed. The lock file itself is never removed, so no lock is ever taken on a file on its way
 * out. The locks are the operating system's, released when a process dies however it dies.
 */
final class UnpackedRuntimes {

  /** The folders' name prefix; nothing else under the parent is ever removed. */
  static final String PREFIX = "onnxruntime-";

  private static final String LOCK_FILE = ".in-use.lock";

  private static final Logger log = LoggerFactory.getLogger(UnpackedRuntimes.class);

  /**
   * The folders this process claims. A claim lasts as long as the process: once ONNX Runtime has
   * loaded its libraries from a folder, this JVM and the children it starts load from there until
   * it exits. Kept per process, as the operating system keeps the locks, and so that two nodes in
   * one JVM never lock the same byte twice (Java refuses that).
   */
  private static final Map<Path, FileLock> CLAIMED = new ConcurrentHashMap<>();

  /**
   * One channel per lock file for the life of the process: closing any channel on a file releases
   * every lock the process holds on it (POSIX), claims included.
   */
  private static final Map<Path, FileChannel> LOCK_FILES = new ConcurrentHashMap<>();

  private UnpackedRuntimes() {}

  /**
   * Claims {@code folder} for this process until it exits; waits while another process is removing
   * it (it is then unpacked again).
   */
  static void claim(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath().normalize();
    try {
      CLAIMED.computeIfAbsent(absolute, UnpackedRuntimes::lockShared);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Removes every folder under {@code parent} that no process claims, except {@code kept}.
   *
   * @return the folders removed
   */
  static List<Path> removeUnclaimed(Path parent, Path kept) throws IOException {
    Path keep = kept.toAbsolutePath().normalize();
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> children = Files.list(parent.toAbsolutePath().normalize())) {
      for (Path folder : children.filter(UnpackedRuntimes::isUnpackedRuntime).toList()) {
        if (!folder.equals(keep) && !CLAIMED.containsKey(folder) && removeIfUnclaimed(folder)) {
          removed.add(folder);
        }
      }
    }
    return removed;
  }

  private static boolean isUnpackedRuntime(Path path) {
    return path.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(path);
  }

  private static boolean removeIfUnclaimed(Path folder) throws IOException {
    FileLock exclusive;
    try {
      exclusive = lockFileBeside(folder).tryLock(byteOf(folder), 1, false);
    } catch (OverlappingFileLockException e) {
      return false; // this JVM is claiming it right now
    }
    if (exclusive == null) {
      return false;
    }
    try {
      deleteTree(folder);
      log.info("removed {}: ONNX Runtime's libraries of an earlier build, loaded by none", folder);
      return true;
    } catch (IOException e) {
      log.warn("could not remove {}, unused since an upgrade", folder, e);
      return false;
    } finally {
      exclusive.release();
    }
  }

  private static FileLock lockShared(Path folder) {
    try {
      return lockFileBeside(folder).lock(byteOf(folder), 1, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileChannel lockFileBeside(Path folder) throws IOException {
    try {
      return LOCK_FILES.computeIfAbsent(folder.getParent(), UnpackedRuntimes::openLockFile);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static FileChannel openLockFile(Path parent) {
    try {
      return FileChannel.open(
          Files.createDirectories(parent).resolve(LOCK_FILE),
          StandardOpenOption.CREATE,
          StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The byte that stands for {@code folder}. Two names may share a byte; a folder then looks
   * claimed while the other is, and is removed later, never early. Locks beyond a file's end are
   * allowed.
   */
  private static long byteOf(Path folder) {
    return Integer.toUnsignedLong(folder.getFileName().toString().hashCode());
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
