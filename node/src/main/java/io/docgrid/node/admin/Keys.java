package io.docgrid.node.admin;

import java.util.UUID;

/** Where the keys resource is, relative to the server's root. */
final class Keys {

  static final String PATH = "api/v1/keys";

  private Keys() {}

  static String one(UUID id) {
    return PATH + "/" + id;
  }
}
