package io.docgrid.tasks.ocr.paddle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime's native libraries unpacked once into a directory of the node's own, and ONNX
 * Runtime pointed at them.
 *
 * <p>Left to itself, ONNX Runtime's Java loader unpacks its libraries from its jar into a new
 * directory under {@code java.io.tmpdir} at every start and loads them from there, which fails
 * where that directory does not allow executables (the node image runs with a tmpfs {@code /tmp},
 * mounted noexec). Its system property {@value #NATIVE_PATH} makes it load them from a directory
 * instead. Extraction child JVMs are handed the node's value of the property (see {@code
 * ExtractionChild}), so they load the same files.
 */
public final class OnnxRuntimeNatives {

  /** ONNX Runtime's system property: the directory to load its native libraries from. */
  public static final String NATIVE_PATH = "onnxruntime.native.path";

  private static final Logger log = LoggerFactory.getLogger(OnnxRuntimeNatives.class);

  /** Where ONNX Runtime's jar keeps its libraries, one folder per platform. */
  private static final String RESOURCES = "/ai/onnxruntime/native/";

  /** The libraries ONNX Runtime's loader itself loads, in its order. */
  private static final List<String> RUNTIME = List.of("onnxruntime", "onnxruntime4j_jni");

  /**
   * The execution providers that some builds carry (the GPU build: shared, CUDA, TensorRT). ONNX
   * Runtime loads them from beside its own library, so they are unpacked with it where present.
   */
  private static final List<String> PROVIDERS =
      List.of(
          "onnxruntime_providers_shared",
          "onnxruntime_providers_cuda",
          "onnxruntime_providers_tensorrt",
          "onnxruntime_providers_rocm",
          "onnxruntime_providers_dnnl",
          "onnxruntime_providers_openvino",
          "onnxruntime_providers_qnn");

  private OnnxRuntimeNatives() {}

  /**
   * Unpacks this platform's libraries under {@code parent} and sets {@value #NATIVE_PATH} to their
   * directory, unless the property already names a directory that holds them (the operator's, or
   * another node's in this JVM); one that does not (a mistyped path, a data directory since
   * removed) is replaced, with a warning, since ONNX Runtime could not load from it. Never fails:
   * where unpacking fails, it logs why and ONNX Runtime keeps to its own way (Tesseract is
   * unaffected; PaddleOCR pages then fail where {@code java.io.tmpdir} does not allow executables).
   * Folders that earlier builds of ONNX Runtime left under {@code parent} are removed once no
   * process loads from them.
   *
   * @return the directory ONNX Runtime now loads from, when this call chose it
   */
  public static Optional<Path> useUnpackedUnder(Path parent) {
    return useUnpackedUnder(parent, System.getProperties());
  }

  /** {@link #useUnpackedUnder(Path)} on {@code properties} in place of the system properties. */
  static Optional<Path> useUnpackedUnder(Path parent, Properties properties) {
    String chosen = properties.getProperty(NATIVE_PATH);
    if (chosen != null) {
      if (holdsTheRuntime(Path.of(chosen))) {
        log.info(
            "ONNX Runtime loads its native libraries from {}, as {} says", chosen, NATIVE_PATH);
        return Optional.empty();
      }
      log.warn(
          "{} names {}, which does not hold ONNX Runtime's native libraries; unpacking them under {}",
          NATIVE_PATH,
          chosen,
          parent);
    }
    try {
      Path directory = unpack(parent);
      properties.setProperty(NATIVE_PATH, directory.toString());
      log.info("ONNX Runtime loads its native libraries from {}", directory);
      removeEarlierBuilds(parent, directory);
      return Optional.of(directory);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "could not unpack ONNX Runtime's native libraries under {}; it unpacks them into"
              + " java.io.tmpdir, and PaddleOCR pages fail unless that allows executables",
          parent,
          e);
      return Optional.empty();
    }
  }

  /**
   * Unpacks this platform's libraries into {@code parent/onnxruntime-<platform>-<digest>}, the
   * digest over the libraries' bytes: each build of ONNX Runtime gets a directory of its own, and
   * its files, once there, are never rewritten while a JVM may have them loaded. This process
   * claims the directory until it exits (see {@link UnpackedRuntimes}). A library already there
   * with its size is kept. Each file is written under a temporary name beside its own and moved
   * into place atomically, so that nodes starting at once on one data directory never load half a
   * file.
   *
   * @return the directory, absolute
   * @throws IOException if the jar has no libraries for this platform, or writing fails
   */
  static Path unpack(Path parent) throws IOException {
    String platform = platform();
    List<Library> libraries = new ArrayList<>();
    MessageDigest digest = sha256();
    for (String name : RUNTIME) {
      libraries.add(
          library(name, platform, digest)
              .orElseThrow(
                  () ->
                      new IOException(
                          "this build of ONNX Runtime has no " + name + " for " + platform)));
    }
    for (String name : PROVIDERS) {
      library(name, platform, digest).ifPresent(libraries::add);
    }
    String fingerprint = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    Path directory =
        parent
            .toAbsolutePath()
            .normalize()
            .resolve(UnpackedRuntimes.PREFIX + platform + "-" + fingerprint);
    // Claimed before it is written, so that no other node on this data directory, started after
    // an upgrade, removes it from under this one.
    UnpackedRuntimes.claim(directory);
    Files.createDirectories(directory);
    for (Library library : libraries) {
      library.unpackInto(directory);
    }
    return directory;
  }

  /** The folders of other ONNX Runtime builds under {@code parent} that no process loads from. */
  private static void removeEarlierBuilds(Path parent, Path current) {
    try {
      UnpackedRuntimes.removeUnclaimed(parent, current);
    } catch (IOException | RuntimeException e) {
      log.warn("could not look for unused ONNX Runtime libraries under {}", parent, e);
    }
  }

  /** Whether {@code directory} has the libraries ONNX Runtime's loader loads itself. */
  private static boolean holdsTheRuntime(Path directory) {
    return RUNTIME.stream()
        .allMatch(name -> Files.isRegularFile(directory.resolve(System.mapLibraryName(name))));
  }

  /** ONNX Runtime's name for this platform, as its jar's folders are named: linux-x64, osx-… */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName;
    if (os.contains("mac") || os.contains("darwin")) {
      osName = "osx";
    } else if (os.contains("win")) {
      osName = "win";
    } else if (os.contains("nux")) {
      osName = "linux";
    } else {
      osName = os;
    }
    String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
    return osName + "-" + archName;
  }

  /** A library in the jar: its file name, where it is and how many bytes it has. */
  private record Library(String fileName, URL resource, long size) {

    void unpackInto(Path directory) throws IOException {
      Path file = directory.resolve(fileName);
      if (Files.isRegularFile(file) && Files.size(file) == size) {
        return;
      }
      Path temporary = Files.createTempFile(directory, "." + fileName + ".", ".tmp");
      try {
        try (InputStream in = resource.openStream()) {
          Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.size(temporary) != size) {
          throw new IOException("short copy of " + resource + " to " + temporary);
        }
        try {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          // Same directory, so only exotic file systems get here; a plain replace is the best left.
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /**
   * The library {@code name} for {@code platform}, if the jar has it; its bytes go to {@code
   * digest}.
   */
  private static Optional<Library> library(String name, String platform, MessageDigest digest)
      throws IOException {
    String fileName = System.mapLibraryName(name);
    URL resource = OnnxRuntimeNatives.class.getResource(RESOURCES + platform + "/" + fileName);
    if (resource == null) {
      return Optional.empty();
    }
    digest.update(fileName.getBytes(StandardCharsets.UTF_8));
    long size;
    try (InputStream in = new DigestInputStream(resource.openStream(), digest)) {
      size = in.transferTo(OutputStream.nullOutputStream());
    }
    return Optional.of(new Library(fileName, resource, size));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
