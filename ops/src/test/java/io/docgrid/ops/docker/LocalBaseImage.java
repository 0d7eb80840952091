package io.docgrid.ops.docker;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A Java 17 base image made here from Debian's packages, for machines that reach no image registry
 * (where {@code eclipse-temurin:17-jre}, the image's default base, cannot be pulled). It takes a
 * minute or two to make, so it is kept: its tag names a hash of what goes into it, and a later run
 * reuses the image with that tag.
 */
final class LocalBaseImage {

  private static final String SUITE = "bookworm";

  /** What the node needs of the system; Tesseract and Leptonica come inside the jar. */
  private static final List<String> PACKAGES =
      List.of("openjdk-17-jre-headless", "tini", "fontconfig", "fonts-dejavu-core");

  private LocalBaseImage() {}

  /** The base image's tag, made now unless an earlier run made it. */
  static String ensure(Docker docker, Path workDirectory) throws Exception {
    String tag = "docgrid-local-base:" + contentHash();
    if (docker.imageExists(tag)) {
      return tag;
    }
    if (Docker.executable("mmdebstrap").isEmpty()) {
      fail("the local base image needs mmdebstrap: install it (.ci/run does)");
    }
    Path tarball = workDirectory.resolve("base.tar");
    Docker.Result made =
        Docker.execute(
            List.of(
                "mmdebstrap",
                "--variant=minbase",
                "--include=" + String.join(",", PACKAGES),
                SUITE,
                tarball.toString()));
    if (made.exitCode() != 0) {
      fail("mmdebstrap failed:\n" + made.output());
    }
    try {
      docker.run("import", tarball.toString(), tag);
    } finally {
      Files.deleteIfExists(tarball);
    }
    return tag;
  }

  private static String contentHash() throws Exception {
    String content = "minbase " + SUITE + " " + String.join(",", PACKAGES);
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 12);
  }
}
