package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractedDocument;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.process.DocumentExtraction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extraction in supervised child JVMs, as Tika Server forks its parsers: each child has its own
 * bounded heap and handles one document at a time. A child that runs out of memory exits, one that
 * hangs past the hard limit is killed, one that crashes is gone; either way that document fails
 * with a clear code, a fresh child replaces it, and the node and its other jobs carry on.
 */
public final class IsolatedExtraction implements DocumentExtraction {

  /** The JVM's exit status under {@code -XX:+ExitOnOutOfMemoryError}. */
  static final int EXIT_OUT_OF_MEMORY = 3;

  private static final Logger log = LoggerFactory.getLogger(IsolatedExtraction.class);

  /**
   * How to start the children.
   *
   * @param java the java executable
   * @param classpath the classpath of this node, which the children share
   * @param tessdata the OCR model directory
   * @param maxHeap each child's -Xmx, e.g. {@code 1g}
   * @param processes how many children at most, one document each
   * @param documentBudget the time budget a child gives a document's pages
   * @param pageBudget the time budget of one page
   * @param hardLimit when a child that has not answered is killed
   */
  public record Settings(
      Path java,
      String classpath,
      Path tessdata,
      String maxHeap,
      int processes,
      Duration documentBudget,
      Duration pageBudget,
      Duration hardLimit) {}

  private final Settings settings;
  private final BlockingQueue<Child> idle = new LinkedBlockingQueue<>();
  private final List<Child> all = new ArrayList<>();
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "docgrid-extraction-reader");
            thread.setDaemon(true);
            return thread;
          });
  private int started;
  private volatile boolean closed;

  public IsolatedExtraction(Settings settings) {
    this.settings = settings;
  }

  @Override
  public ExtractedDocument extract(Path file, String mediaType, ProcessingOptions options)
      throws DocumentProcessingException, IOException {
    Child child = borrow();
    boolean healthy = false;
    try {
      Frames.write(
          child.in,
          new ExtractionRequest(
              file.toAbsolutePath().toString(),
              mediaType,
              options,
              settings.documentBudget().toMillis(),
              settings.pageBudget().toMillis()));
      CompletableFuture<ExtractionResponse> answer =
          CompletableFuture.supplyAsync(() -> child.read(), readers);
      ExtractionResponse response =
          answer.get(settings.hardLimit().toMillis(), TimeUnit.MILLISECONDS);
      healthy = true;
      if (response.failure() != null) {
        throw response.failure();
      }
      if (response.error() != null) {
        throw new DocumentProcessingException(
            DocumentErrorCode.PROCESSING_FAILED,
            "The document could not be processed; quote the request id when reporting it.",
            null);
      }
      return response.document();
    } catch (TimeoutException e) {
      log.warn(
          "extraction child {} did not answer within {}; killed",
          child.pid(),
          settings.hardLimit());
      throw new DocumentProcessingException(
          DocumentErrorCode.PROCESSING_TIMEOUT,
          "The document did not finish within " + settings.hardLimit().toSeconds() + " seconds.",
          null);
    } catch (ExecutionException | IOException e) {
      int exit = child.exitCode();
      log.warn("extraction child {} died (exit {})", child.pid(), exit);
      throw exit == EXIT_OUT_OF_MEMORY
          ? new DocumentProcessingException(
              DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
              "The document needs more memory than a worker has; split it into smaller documents.",
              null)
          : new DocumentProcessingException(
              DocumentErrorCode.PROCESSING_FAILED,
              "The worker processing the document stopped; quote the request id when reporting it.",
              null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the extraction child", e);
    } finally {
      giveBack(child, healthy);
    }
  }

  private Child borrow() throws IOException {
    synchronized (this) {
      if (closed) {
        throw new IOException("extraction is closed");
      }
      Child child = idle.poll();
      if (child != null) {
        return child;
      }
      if (started < settings.processes()) {
        started++;
        try {
          child = Child.start(settings);
        } catch (IOException e) {
          started--;
          throw e;
        }
        all.add(child);
        return child;
      }
    }
    try {
      // Every child is busy: wait, outside the lock, for one to come back.
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for an extraction child", e);
    }
  }

  private synchronized void giveBack(Child child, boolean healthy) {
    if (healthy && !closed && child.alive()) {
      idle.add(child);
      return;
    }
    child.kill();
    all.remove(child);
    started--;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Child child : all) {
      child.kill();
    }
    all.clear();
    idle.clear();
    readers.shutdownNow();
  }

  /** One child JVM and its pipes. */
  private static final class Child {
    private final Process process;
    private final DataOutputStream in;
    private final DataInputStream out;

    private Child(Process process) {
      this.process = process;
      this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
      this.out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    static Child start(Settings settings) throws IOException {
      List<String> command =
          List.of(
              settings.java().toString(),
              "-Xmx" + settings.maxHeap(),
              "-XX:+ExitOnOutOfMemoryError",
              "-Djava.awt.headless=true",
              "-cp",
              settings.classpath(),
              ExtractionWorkerMain.class.getName(),
              settings.tessdata().toAbsolutePath().toString());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      // Pages run in parallel across children and nodes, never inside Tesseract (see OcrEngines).
      builder.environment().put("OMP_THREAD_LIMIT", "1");
      return new Child(builder.start());
    }

    ExtractionResponse read() {
      try {
        return Frames.read(out, ExtractionResponse.class);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    boolean alive() {
      return process.isAlive();
    }

    long pid() {
      return process.pid();
    }

    int exitCode() {
      try {
        return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    void kill() {
      process.destroyForcibly();
    }
  }
}
