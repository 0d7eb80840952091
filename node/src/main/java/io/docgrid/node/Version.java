package io.docgrid.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build was made from, written into the jar by the build. */
final class Version {

  private Version() {}

  static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/docgrid-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
