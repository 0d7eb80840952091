package io.docgrid.tasks.grid;

import io.docgrid.tasks.process.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Java serialization of the records that travel between nodes. Ignite 2's binary marshaller cannot
 * build records (their fields are off limits to Unsafe), so jobs carry them as bytes instead. Only
 * our own types and plain JDK value types may be read back: nothing else is deserialised. Each
 * payload ends with the {@link WireFormat} version that wrote it, so that a node of a version it
 * cannot read is refused by name rather than by a failure deep in deserialisation.
 */
public final class WirePayloads {

  private static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;maxrefs=10000000;maxarray=100000000;"
              + "io.docgrid.tasks.**;java.lang.*;java.util.*;java.time.*;!*");

  private WirePayloads() {}

  public static byte[] encode(Serializable value) {
    WireFormat.requirePayloadType(value.getClass());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialise " + value.getClass().getName(), e);
    }
    bytes.writeBytes(WireFormat.footer());
    return bytes.toByteArray();
  }

  public static <T> T decode(byte[] bytes, Class<T> type) {
    WireFormat.requirePayloadType(type);
    int version = WireFormat.versionOf(bytes);
    if (!WireFormat.reads(version)) {
      throw new IllegalStateException(
          "a "
              + type.getSimpleName()
              + " payload of wire version "
              + version
              + " reached a node of version "
              + WireFormat.VERSION
              + ", which reads only the versions next to its own: upgrade one release at a time"
              + " (docs/upgrades.md)");
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes, 0, WireFormat.objectLength(bytes)))) {
      in.setObjectInputFilter(ALLOWED);
      return type.cast(in.readObject());
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("could not read a " + type.getSimpleName() + " payload", e);
    }
  }
}
