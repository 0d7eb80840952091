package io.docgrid.ops.k8s;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, as {@code kubectl apply -k} would. */
final class Kustomize {

  /** ops/k8s, seen from the ops module, where Surefire runs the tests. */
  static final Path MANIFESTS = Path.of("k8s");

  private Kustomize() {}

  /** Whether kubectl can be run here. */
  static boolean available() {
    try {
      Process version = new ProcessBuilder("kubectl", "version", "--client").start();
      version.getInputStream().transferTo(OutputStream.nullOutputStream());
      return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The YAML documents the kustomization in {@code directory} renders to. */
  static String render(Path directory) throws IOException, InterruptedException {
    Process kubectl =
        new ProcessBuilder("kubectl", "kustomize", directory.toString())
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    // Read both streams before waiting, so that a full pipe cannot stall kubectl.
    var errors = kubectl.getErrorStream();
    String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String problems = new String(errors.readAllBytes(), StandardCharsets.UTF_8);
    if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
      kubectl.destroyForcibly();
      throw new IllegalStateException("kubectl kustomize " + directory + " did not finish");
    }
    if (kubectl.exitValue() != 0) {
      throw new IllegalStateException(
          "kubectl kustomize " + directory + " failed (" + kubectl.exitValue() + "): " + problems);
    }
    return yaml;
  }
}
