package io.docgrid.tasks.process;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Which version of the wire types a payload was written by, and which versions this node reads.
 *
 * <p>The version is a footer after the serialised object, not a header: nodes of the release before
 * versioning read one object and ignore whatever follows it, so they still read our payloads, where
 * a header would have broken them. Payloads without a footer come from those nodes: version 1.
 *
 * <p>The rule (docs/upgrades.md, ADR 0005): any change in the shape of a wire type bumps {@link
 * #VERSION} and adds golden fixtures for it; a change must keep both neighbouring versions readable
 * (add nullable record components, never remove, rename or retype one); a node reads the versions
 * next to its own and refuses the rest with a message saying so.
 */
public final class WireFormat {

  /** The version this build writes. {@code src/test/resources/wire/v<N>} holds its fixtures. */
  public static final int VERSION = 4;

  /** The version of payloads without a footer: those of the releases before versioning. */
  static final int UNVERSIONED = 1;

  /**
   * The types a payload may hold at its root; every concrete one has a golden fixture per version.
   * A type not listed here is refused, so that no type can start crossing the grid unpinned.
   */
  static final Set<Class<?>> PAYLOAD_TYPES =
      Set.of(
          ProcessDocumentRequest.class,
          SearchablePdfRequest.class,
          PageImageRequest.class,
          DocumentOutcome.class,
          JobStarted.class,
          PagesDone.class);

  /** "DGWV", then the version as an int. */
  private static final int FOOTER_MAGIC = 0x44475756;

  static final int FOOTER_LENGTH = 2 * Integer.BYTES;

  private WireFormat() {}

  public static byte[] footer() {
    return ByteBuffer.allocate(FOOTER_LENGTH).putInt(FOOTER_MAGIC).putInt(VERSION).array();
  }

  /** The version that wrote {@code payload}. */
  public static int versionOf(byte[] payload) {
    return hasFooter(payload)
        ? ByteBuffer.wrap(payload, payload.length - Integer.BYTES, Integer.BYTES).getInt()
        : UNVERSIONED;
  }

  /** How many bytes of {@code payload} are the serialised object. */
  public static int objectLength(byte[] payload) {
    return hasFooter(payload) ? payload.length - FOOTER_LENGTH : payload.length;
  }

  /** Whether this node reads payloads of {@code version}: its own and its neighbours'. */
  public static boolean reads(int version) {
    return Math.abs(version - VERSION) <= 1;
  }

  public static void requirePayloadType(Class<?> type) {
    if (PAYLOAD_TYPES.stream().noneMatch(known -> known.isAssignableFrom(type))) {
      throw new IllegalArgumentException(
          type.getName()
              + " is not a wire payload type: add it to WireFormat.PAYLOAD_TYPES, with a sample"
              + " and golden fixtures (docs/upgrades.md)");
    }
  }

  private static boolean hasFooter(byte[] payload) {
    return payload.length > FOOTER_LENGTH
        && ByteBuffer.wrap(payload, payload.length - FOOTER_LENGTH, Integer.BYTES).getInt()
            == FOOTER_MAGIC;
  }
}
