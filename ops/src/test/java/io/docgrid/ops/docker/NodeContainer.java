package io.docgrid.ops.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of the cluster in a container of the node image, run as a deployment would run it:
 * read-only root filesystem with a tmpfs {@code /tmp}, its data directory and the shared blob
 * directory as volumes, a memory limit, and a stop timeout longer than the node's shutdown grace.
 * Host networking, so that every node is on 127.0.0.1 with ports of its own.
 */
final class NodeContainer implements AutoCloseable {

  static final String DATA_DIR = "/var/lib/docgrid";
  static final String BLOB_DIR = "/var/lib/docgrid-blobs";

  final String name;
  private final Docker docker;

  private NodeContainer(Docker docker, String name) {
    this.docker = docker;
    this.name = name;
  }

  /** Starts {@code docgrid <args…>} in a new container called {@code name}. */
  static NodeContainer start(
      Docker docker,
      String image,
      String name,
      Path data,
      Path blobs,
      String memory,
      Duration stopTimeout,
      Map<String, String> environment,
      List<String> args)
      throws Exception {
    docker.attempt("rm", "--force", name); // a leftover of an interrupted run
    List<String> command =
        new ArrayList<>(
            List.of(
                "run",
                "--detach",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--memory",
                memory,
                "--stop-timeout",
                Long.toString(stopTimeout.toSeconds()),
                "--volume",
                data + ":" + DATA_DIR,
                "--volume",
                blobs + ":" + BLOB_DIR));
    environment.forEach((key, value) -> command.addAll(List.of("--env", key + "=" + value)));
    command.add(image);
    command.addAll(args);
    docker.run(command.toArray(String[]::new));
    return new NodeContainer(docker, name);
  }

  /** SIGKILL to the whole container: the node has no chance to say goodbye. */
  void kill() throws Exception {
    docker.run("kill", name);
  }

  /** {@code docker stop}: SIGTERM, and SIGKILL only after the container's stop timeout. */
  void stop() throws Exception {
    docker.run("stop", name);
  }

  /** Starts the stopped container again, with the command line and volumes it had. */
  void restart() throws Exception {
    docker.run("start", name);
  }

  String exec(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("exec", name));
    args.addAll(List.of(command));
    return docker.run(args.toArray(String[]::new));
  }

  /** {@code docker inspect --format template}. */
  String inspect(String template) throws Exception {
    return docker.run("inspect", "--format", template, name);
  }

  String logs() throws Exception {
    return docker.attempt("logs", name).output();
  }

  /** The end of its log, for assertion messages. */
  String tail() throws Exception {
    return "\n--- " + name + " ---\n" + docker.attempt("logs", "--tail", "40", name).output();
  }

  /** Keeps its log and how it ended in {@code directory}, then removes it. */
  void removeKeepingLog(Path directory) throws Exception {
    Files.createDirectories(directory);
    String state = docker.attempt("inspect", "--format", "{{json .State}}", name).output();
    Files.writeString(directory.resolve(name + ".log"), logs() + "\n--- state ---\n" + state);
    close();
  }

  @Override
  public void close() throws Exception {
    docker.attempt("rm", "--force", "--volumes", name);
  }
}
