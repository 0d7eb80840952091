package io.docgrid.tasks.isolation;

import io.docgrid.tasks.ocr.paddle.OnnxRuntimeNatives;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One child JVM and its connection: a Unix domain socket in a directory only this user can enter,
 * on which the child must first prove it is the process we started (a secret handed to it in its
 * environment). The child works on up to {@code slots} requests at once; their answers come back
 * under their numbers, read by one thread per child. The child's stdout and stderr are the node's,
 * free for logging: nothing a library prints can corrupt the protocol.
 */
final class ExtractionChild {

  /** The environment variable that hands the child its connection secret. */
  static final String TOKEN_VARIABLE = "DOCGRID_CHILD_TOKEN";

  /** The system property that names logback's configuration file. */
  private static final String LOGGING_CONFIGURATION = "logback.configurationFile";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicLong SOCKETS = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The child died (or was killed) while a request was in flight.
   *
   * @param exitCode its exit status, -1 if unknown
   * @param alone whether this request was the only one in flight: the death is then its doing
   */
  static final class Died extends IOException {
    private final int exitCode;
    private final boolean alone;

    Died(int exitCode, boolean alone) {
      super("extraction child died (exit " + exitCode + ")");
      this.exitCode = exitCode;
      this.alone = alone;
    }

    int exitCode() {
      return exitCode;
    }

    boolean alone() {
      return alone;
    }
  }

  private final Process process;
  private final SocketChannel channel;
  private final DataOutputStream in;
  private final DataInputStream out;
  private final int slots;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<ChildResponse>> pending = new ConcurrentHashMap<>();
  private int reserved;
  private volatile boolean dead;

  private ExtractionChild(Process process, SocketChannel channel, int slots) {
    this.process = process;
    this.channel = channel;
    this.slots = slots;
    this.in =
        new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel), 1 << 16));
    this.out = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel), 1 << 16));
  }

  /**
   * Starts a child that works on up to {@code slots} requests at once, waits until it has connected
   * and shown its secret, and starts reading its answers; {@code onDeath} hears when it dies.
   */
  static ExtractionChild start(
      IsolationSettings settings,
      int slots,
      Path socketDirectory,
      Consumer<ExtractionChild> onDeath)
      throws IOException {
    Path socket = socketDirectory.resolve("child-" + SOCKETS.incrementAndGet() + ".sock");
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Process process = launch(settings, slots, socket, token);
      try {
        SocketChannel channel = accept(server, process);
        ExtractionChild child = new ExtractionChild(process, channel, slots);
        child.verify(token);
        Thread reader =
            new Thread(
                () -> child.readAnswers(onDeath), "docgrid-extraction-child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return child;
      } catch (IOException | RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    } finally {
      Files.deleteIfExists(socket);
    }
  }

  private static Process launch(IsolationSettings settings, int slots, Path socket, String token)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command(settings, slots, socket, System.getProperties()))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    // Pages run in parallel across documents, never inside Tesseract (see OcrEngines).
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    builder.environment().put(TOKEN_VARIABLE, token);
    return builder.start();
  }

  /** The child's command line, handing on what it needs of the node's system properties. */
  static List<String> command(
      IsolationSettings settings, int slots, Path socket, Properties nodeProperties) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            settings.java().toString(),
            "-Xmx" + settings.maxHeap(),
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true"));
    // Where the node loads ONNX Runtime's native libraries from, its children do too (their
    // java.io.tmpdir may not allow executables); an option of the operator's, after it, wins.
    String onnxRuntime = nodeProperties.getProperty(OnnxRuntimeNatives.NATIVE_PATH);
    if (onnxRuntime != null) {
      command.add("-D" + OnnxRuntimeNatives.NATIVE_PATH + "=" + onnxRuntime);
    }
    command.addAll(settings.jvmOptions());
    // A node given a logging configuration of its own hands it on: its children log as it does.
    String logging = nodeProperties.getProperty(LOGGING_CONFIGURATION);
    if (logging != null) {
      command.add("-D" + LOGGING_CONFIGURATION + "=" + logging);
    }
    command.addAll(
        List.of(
            "-cp",
            settings.classpath(),
            ExtractionWorkerMain.class.getName(),
            settings.tessdata().toAbsolutePath().toString(),
            socket.toString(),
            Integer.toString(slots),
            settings.nodeName()));
    return command;
  }

  private static SocketChannel accept(ServerSocketChannel server, Process process)
      throws IOException {
    server.configureBlocking(false);
    long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
    try (Selector selector = Selector.open()) {
      server.register(selector, SelectionKey.OP_ACCEPT);
      while (true) {
        selector.select(250);
        SocketChannel channel = server.accept();
        if (channel != null) {
          channel.configureBlocking(true);
          return channel;
        }
        if (!process.isAlive()) {
          throw new IOException("extraction child exited with " + process.exitValue());
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("extraction child did not connect within " + CONNECT_TIMEOUT);
        }
      }
    }
  }

  private void verify(String token) throws IOException {
    String shown = Frames.read(out, String.class);
    if (!MessageDigest.isEqual(
        shown.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))) {
      throw new IOException("a process that is not our child connected to its socket");
    }
  }

  /** Takes a slot for a request, if one is free. Callers serialise this with {@link #release}. */
  boolean reserve() {
    if (dead || reserved >= slots) {
      return false;
    }
    reserved++;
    return true;
  }

  /** Gives back a slot taken by {@link #reserve}. */
  void release() {
    reserved--;
  }

  /** Slots in use: the child's load. */
  int load() {
    return reserved;
  }

  /** Whether nothing runs in it: a request alone in it owns what happens to it. */
  boolean idle() {
    return reserved == 0;
  }

  /**
   * Sends a request on a reserved slot; the answer completes the returned future, or a {@link Died}
   * completes it exceptionally.
   */
  Call send(ChildRequest request) throws IOException {
    long id = ids.incrementAndGet();
    CompletableFuture<ChildResponse> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      if (dead) {
        throw new IOException("dead");
      }
      synchronized (in) {
        Frames.write(in, Envelope.withLogContext(id, request));
      }
    } catch (IOException e) {
      pending.remove(id);
      // It never reached the child: nothing of the death is this request's doing.
      throw new Died(-1, false);
    }
    return new Call(id, answer);
  }

  /** A request in flight. */
  record Call(long id, CompletableFuture<ChildResponse> answer) {}

  /** Asks the child to stop work on an earlier request soon; it is answered all the same. */
  void cancel(long requestId) {
    try {
      synchronized (in) {
        Frames.write(in, Envelope.of(ids.incrementAndGet(), new ChildRequest.Cancel(requestId)));
      }
    } catch (IOException e) {
      // Dead already: the request's answer is its death.
    }
  }

  private void readAnswers(Consumer<ExtractionChild> onDeath) {
    try {
      while (true) {
        Envelope answer = Frames.read(out, Envelope.class);
        CompletableFuture<ChildResponse> waiting = pending.remove(answer.id());
        if (waiting != null) {
          waiting.complete((ChildResponse) answer.body());
        }
      }
    } catch (IOException | RuntimeException e) {
      dead = true;
      int exit = exitCode();
      boolean alone = pending.size() == 1;
      for (CompletableFuture<ChildResponse> waiting : pending.values()) {
        waiting.completeExceptionally(new Died(exit, alone));
      }
      pending.clear();
      kill();
      onDeath.accept(this);
    }
  }

  boolean alive() {
    return !dead && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The child's exit status, waiting briefly for it to exit; -1 if it is still running. */
  int exitCode() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Asks the child to exit: on SIGTERM its JVM runs its shutdown hooks (a coverage agent's among
   * them), which a kill would cut short. See {@link #killUnlessExited}.
   */
  void stop() {
    dead = true;
    process.destroy();
  }

  /** Kills the child unless it has exited by {@code deadline}, a {@link System#nanoTime()}. */
  void killUnlessExited(long deadline) {
    try {
      process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  void kill() {
    dead = true;
    process.destroyForcibly();
    try {
      channel.close();
    } catch (IOException ignored) {
      // The process is gone; so is the other end of the socket.
    }
  }
}
