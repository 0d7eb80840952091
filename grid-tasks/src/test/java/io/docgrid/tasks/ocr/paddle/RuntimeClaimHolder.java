package io.docgrid.tasks.ocr.paddle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another node's process, for {@link UnpackedRuntimesIT}: claims the folder it is given, says so on
 * standard output, and holds the claim until its standard input closes.
 */
public final class RuntimeClaimHolder {

  private RuntimeClaimHolder() {}

  public static void main(String[] args) throws IOException {
    UnpackedRuntimes.claim(Path.of(args[0]));
    System.out.println("claimed");
    System.out.flush();
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
  }
}
