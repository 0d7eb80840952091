package io.docgrid.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs of free loopback ports, so that test clusters never meet a real one, nor those of other test
 * runs on the same machine.
 */
public final class FreePorts {

  private FreePorts() {}

  /** The first of {@code size} consecutive ports that are free now. */
  public static int block(int size) {
    for (int attempt = 0; attempt < 200; attempt++) {
      // Below Linux's ephemeral range (32768 and up): a port found free there can be handed to
      // an outgoing connection before the node under test binds it.
      int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      if (allFree(base, size)) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports found");
  }

  /**
   * The first ports of {@code count} blocks of {@code size} consecutive ports, free now and apart
   * from each other: ports a node binds one after the other (discovery, then communication) must
   * not land in each other's range.
   */
  public static int[] blocks(int size, int count) {
    int[] firsts = new int[count];
    for (int i = 0; i < count; i++) {
      firsts[i] = blockApartFrom(size, Arrays.copyOf(firsts, i), size);
    }
    return firsts;
  }

  /**
   * The first of {@code size} free ports, none within {@code otherSize} ports of {@code others}.
   */
  public static int blockApartFrom(int size, int[] others, int otherSize) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = block(size);
      boolean apart = true;
      for (int other : others) {
        apart &= base + size <= other || base >= other + otherSize;
      }
      if (apart) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports found apart from others");
  }

  private static boolean allFree(int base, int size) {
    for (int port = base; port < base + size; port++) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
