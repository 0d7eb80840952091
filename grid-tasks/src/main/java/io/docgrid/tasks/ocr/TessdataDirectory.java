package io.docgrid.tasks.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A directory of Tesseract models ({@code <lang>.traineddata} files), the {@code datapath} that
 * {@link OcrEngine} hands to Tesseract.
 *
 * <p>The build bundles the English LSTM model ({@code eng}, tessdata_fast) and the orientation and
 * script model ({@code osd}) in this module's jar, under {@value #RESOURCE_DIRECTORY}; {@link
 * #install(Path)} copies them to disk, because Tesseract reads models only from files.
 *
 * <p>Operators may add languages by dropping more models into the directory (for example {@code
 * deu.traineddata} from tessdata_fast or tessdata_best): {@link #languages()} reads the directory,
 * not the bundle, so they become usable without a rebuild. {@code install} never deletes or
 * replaces a file it did not bundle.
 */
public final class TessdataDirectory {

  /** Where the build puts the bundled models on the classpath. */
  static final String RESOURCE_DIRECTORY = "docgrid-models/tessdata/";

  private static final String SUFFIX = ".traineddata";

  private final Path path;

  private TessdataDirectory(Path path) {
    this.path = path;
  }

  /**
   * Copies every bundled model into {@code directory}, creating it, and returns it. A model already
   * there with the bundled size is kept, so repeated installs (each node start, each worker) cost a
   * directory listing. Each file is written under a temporary name and moved into place atomically,
   * so that concurrent installs, from threads or nodes sharing a volume, never expose half a file.
   *
   * @throws UncheckedIOException if the directory cannot be created or written
   */
  public static TessdataDirectory install(Path directory) {
    return install(directory, TessdataDirectory.class.getClassLoader());
  }

  /** {@link #install(Path)} from the models that {@code loader} sees; tests use it on a jar. */
  static TessdataDirectory install(Path directory, ClassLoader loader) {
    Objects.requireNonNull(directory, "directory");
    Path target = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target);
      for (Map.Entry<String, BundledModel> model : bundledModels(loader).entrySet()) {
        installModel(model.getValue(), target.resolve(model.getKey() + SUFFIX));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the OCR models into " + target, e);
    }
    return new TessdataDirectory(target);
  }

  /** The languages this build bundles, found by listing the classpath (eng and osd). */
  public static Set<String> bundledLanguages() {
    try {
      return Collections.unmodifiableSet(
          new TreeSet<>(bundledModels(TessdataDirectory.class.getClassLoader()).keySet()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the bundled OCR models", e);
    }
  }

  /** The directory, absolute: Tesseract's datapath. */
  public Path path() {
    return path;
  }

  /** The languages whose models are in the directory now, bundled or added by an operator. */
  public Set<String> languages() {
    try (Stream<Path> files = Files.list(path)) {
      Set<String> languages = new TreeSet<>();
      files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          // Our temporary files start with a dot; so do editors' and rsync's.
          .filter(name -> name.endsWith(SUFFIX) && !name.startsWith("."))
          .forEach(name -> languages.add(name.substring(0, name.length() - SUFFIX.length())));
      return Collections.unmodifiableSet(languages);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the OCR models in " + path, e);
    }
  }

  /** Whether every one of {@code languages} has a model in the directory. */
  public boolean hasLanguages(List<String> languages) {
    return languages().containsAll(languages);
  }

  @Override
  public String toString() {
    return "TessdataDirectory[" + path + "]";
  }

  private record BundledModel(URL url, long size) {}

  private static void installModel(BundledModel model, Path file) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) == model.size()) {
      return;
    }
    Path temporary =
        Files.createTempFile(file.getParent(), "." + file.getFileName().toString() + ".", ".tmp");
    try {
      try (InputStream in = openUncached(model.url())) {
        Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.size(temporary) != model.size()) {
        throw new IOException("short copy of " + model.url() + " to " + temporary);
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

  /**
   * Lists {@value #RESOURCE_DIRECTORY} on the classpath: a directory while developing (Maven's
   * target/classes), a jar entry prefix once packaged. Every occurrence is read; the first
   * classpath entry wins for a language, as it would for {@code getResource}.
   */
  private static Map<String, BundledModel> bundledModels(ClassLoader loader) throws IOException {
    Map<String, BundledModel> models = new TreeMap<>();
    Enumeration<URL> roots = loader.getResources(RESOURCE_DIRECTORY);
    while (roots.hasMoreElements()) {
      URL root = roots.nextElement();
      switch (root.getProtocol()) {
        case "file" -> listDirectory(root, models);
        case "jar" -> listJar(root, models);
        default -> throw new IOException("cannot list OCR models at " + root);
      }
    }
    return models;
  }

  private static void listDirectory(URL root, Map<String, BundledModel> models) throws IOException {
    Path directory;
    try {
      directory = Path.of(root.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("bad classpath URL " + root, e);
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX) && Files.isRegularFile(file)) {
          models.putIfAbsent(
              name.substring(0, name.length() - SUFFIX.length()),
              new BundledModel(file.toUri().toURL(), Files.size(file)));
        }
      }
    }
  }

  private static void listJar(URL root, Map<String, BundledModel> models) throws IOException {
    JarURLConnection connection = (JarURLConnection) root.openConnection();
    // Uncached, so that closing our JarFile cannot close one the class loader shares.
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (!name.startsWith(RESOURCE_DIRECTORY) || !name.endsWith(SUFFIX)) {
          continue;
        }
        String fileName = name.substring(RESOURCE_DIRECTORY.length());
        if (fileName.contains("/") || entry.getSize() < 0) {
          continue;
        }
        models.putIfAbsent(
            fileName.substring(0, fileName.length() - SUFFIX.length()),
            new BundledModel(new URL(root, fileName), entry.getSize()));
      }
    }
  }

  private static InputStream openUncached(URL url) throws IOException {
    var connection = url.openConnection();
    connection.setUseCaches(false);
    return connection.getInputStream();
  }
}
