package io.docgrid.tasks.isolation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Length-prefixed Java-serialised messages over a child's stdin and stdout, read back through a
 * filter that admits only DocGrid's own types and JDK value types.
 */
final class Frames {

  static final int MAX_FRAME_BYTES = 512 * 1024 * 1024;

  private static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=30;maxrefs=50000000;maxarray=600000000;"
              + "io.docgrid.tasks.**;java.lang.*;java.util.*;java.time.*;!*");

  private Frames() {}

  static void write(DataOutputStream out, Serializable message) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
      objects.writeObject(message);
    }
    out.writeInt(bytes.size());
    bytes.writeTo(out);
    out.flush();
  }

  static <T> T read(DataInputStream in, Class<T> type) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_FRAME_BYTES) {
      throw new IOException("frame of " + length + " bytes");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("the other side closed mid-frame");
    }
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(ALLOWED);
      return type.cast(objects.readObject());
    } catch (ClassNotFoundException e) {
      throw new IOException("unknown message type", e);
    }
  }
}
