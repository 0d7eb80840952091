package io.docgrid.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
