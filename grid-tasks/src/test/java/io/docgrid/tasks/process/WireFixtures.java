package io.docgrid.tasks.process;

import io.docgrid.tasks.grid.WirePayloads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The golden fixtures of the wire format: for each wire version, the bytes of one {@link
 * WireSamples sample} of every payload type, as that version wrote them. Committed under {@code
 * src/test/resources/wire/v<N>/} and never rewritten: a node of the next version must read them.
 *
 * <p>Run {@link #main} to write the fixtures of a new {@link WireFormat#VERSION}; docs/upgrades.md
 * gives the command.
 */
final class WireFixtures {

  static final String HOW_TO_WRITE =
      "write wire/v<N> with the command under 'Changing a wire type' in docs/upgrades.md";

  private WireFixtures() {}

  /** Writes {@code <dir>/v<VERSION>/<Type>.bin}; refuses to touch a version already written. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "grid-tasks/src/test/resources/wire");
    Path target = root.resolve("v" + WireFormat.VERSION);
    if (Files.exists(target)) {
      throw new IllegalStateException(
          target + " exists: fixtures of a released version are never rewritten");
    }
    Files.createDirectories(target);
    for (Map.Entry<String, Serializable> sample : WireSamples.all().entrySet()) {
      Files.write(target.resolve(sample.getKey() + ".bin"), WirePayloads.encode(sample.getValue()));
    }
    System.out.println("wrote " + WireSamples.all().size() + " fixtures to " + target);
  }

  /** The committed fixtures of {@code version}, by type name; empty if there are none. */
  static Map<String, byte[]> of(int version) {
    Path directory = directory().resolve("v" + version);
    if (!Files.isDirectory(directory)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".bin"))
          .collect(
              Collectors.toMap(
                  file -> file.getFileName().toString().replace(".bin", ""), WireFixtures::read));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The wire versions that have fixtures, ascending. */
  static List<Integer> versions() {
    try (Stream<Path> directories = Files.list(directory())) {
      return directories
          .map(path -> path.getFileName().toString())
          .filter(name -> name.matches("v\\d+"))
          .map(name -> Integer.parseInt(name.substring(1)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The class descriptors a payload's stream holds, as the writer's classes were: what a reader of
   * another version must match, field by field. Reading stops at the first class the current code
   * cannot build; the descriptors before it are still returned, and the decoding test reports why.
   */
  static List<ObjectStreamClass> descriptorsOf(byte[] payload) {
    List<ObjectStreamClass> descriptors = new ArrayList<>();
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(payload)) {
          @Override
          protected ObjectStreamClass readClassDescriptor()
              throws IOException, ClassNotFoundException {
            ObjectStreamClass descriptor = super.readClassDescriptor();
            descriptors.add(descriptor);
            return descriptor;
          }
        }) {
      in.readObject();
    } catch (IOException | ClassNotFoundException unreadable) {
      // Reported by fixtures_of_every_readable_version_decode_to_their_samples.
    }
    return descriptors;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    try {
      return Path.of(WireFixtures.class.getResource("/wire").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
