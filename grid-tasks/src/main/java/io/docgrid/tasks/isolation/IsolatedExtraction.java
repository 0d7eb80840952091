package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.DocumentErrorCode;
import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.ExtractionResult;
import io.docgrid.tasks.document.ExtractionScope;
import io.docgrid.tasks.document.PageImageFormat;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.extraction.DocumentExtraction;
import io.docgrid.tasks.output.OcrLayer;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsing in supervised child JVMs, as Tika Server forks its parsers: every parse of a document's
 * bytes on a compute node happens in a child, searchable PDFs and page images included, so that the
 * node itself never meets them. Each child has a bounded heap and works on a few documents at once,
 * which shares its warmed-up JIT among them. A child that runs out of memory exits, one that
 * crashes is gone, one that does not answer a request in time is killed; a fresh child replaces it,
 * and the node carries on.
 *
 * <p>Who was to blame: a document alone in its child when the child died owns the death (out of
 * memory: {@link DocumentErrorCode#DOCUMENT_TOO_COMPLEX}; otherwise {@link
 * DocumentErrorCode#PROCESSING_FAILED}). The others in flight with it are innocent until proven
 * otherwise: each is tried again alone, in a child of its own, where a document that kills that
 * child too owns its death.
 */
public final class IsolatedExtraction implements DocumentExtraction {

  /** The JVM's exit status under {@code -XX:+ExitOnOutOfMemoryError}. */
  static final int EXIT_OUT_OF_MEMORY = 3;

  /** How long the children have, together, to exit when asked before they are killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(IsolatedExtraction.class);

  private final IsolationSettings settings;
  private final Path socketDirectory;
  private final List<ExtractionChild> children = new ArrayList<>();
  private final Semaphore soloChildren;
  private final AtomicInteger documentsInFlight = new AtomicInteger();
  private final ExecutorService spares =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "docgrid-extraction-starter");
            thread.setDaemon(true);
            return thread;
          });
  private int starting;
  private boolean closed;
  private long childDeaths;

  public IsolatedExtraction(IsolationSettings settings) {
    this.settings = settings;
    this.soloChildren = new Semaphore(settings.processes());
    try {
      // Sockets live where no other user can reach them; paths must stay short (about 100 bytes).
      this.socketDirectory =
          Files.createTempDirectory(
              "docgrid-extraction-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the extraction socket directory", e);
    }
  }

  /**
   * Starts every child now, in the background, so that the first documents do not wait for a JVM to
   * start.
   */
  public void prestart() {
    for (int i = 0; i < settings.processes(); i++) {
      spares.execute(this::startSpare);
    }
  }

  @Override
  public ExtractionResult extract(
      Path file, String mediaType, ProcessingOptions options, ExtractionScope scope)
      throws DocumentProcessingException, IOException {
    return (ExtractionResult)
        call(
            new ChildRequest.Extract(
                file.toAbsolutePath().toString(),
                mediaType,
                options,
                scope,
                settings.documentBudget().toMillis(),
                settings.pageBudget().toMillis()));
  }

  @Override
  public void writeSearchablePdf(
      Path file, String mediaType, List<OcrLayer> layers, int imageDpi, Path target)
      throws DocumentProcessingException, IOException {
    call(
        new ChildRequest.SearchablePdf(
            file.toAbsolutePath().toString(),
            mediaType,
            layers,
            imageDpi,
            target.toAbsolutePath().toString()));
  }

  /**
   * A page image has a page's time, not a document's: a page that takes longer to draw than to read
   * has its child killed as a hanging document's would be.
   */
  @Override
  public byte[] renderPage(Path file, String mediaType, int page, int width, PageImageFormat format)
      throws DocumentProcessingException, IOException {
    return (byte[])
        call(
            new ChildRequest.PageImage(
                file.toAbsolutePath().toString(), mediaType, page, width, format),
            min(settings.pageBudget(), settings.hardLimit()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private Serializable call(ChildRequest request) throws DocumentProcessingException, IOException {
    return call(request, settings.hardLimit());
  }

  /** Runs {@code request} in a child, which is killed unless it answers within {@code limit}. */
  private Serializable call(ChildRequest request, Duration limit)
      throws DocumentProcessingException, IOException {
    ExtractionChild child = acquire();
    boolean released = false;
    documentsInFlight.incrementAndGet();
    try {
      return answer(child, request, limit);
    } catch (AbandonedCall abandoned) {
      // The child still works on it until the page it is on is done: the slot is given back then.
      abandoned.call().answer().whenComplete((answer, death) -> release(child));
      released = true;
      throw abandoned;
    } catch (ExtractionChild.Died died) {
      if (died.alone()) {
        throw blame(died, child);
      }
      log.atInfo()
          .addKeyValue("event", "child.crashed")
          .log(
              "extraction child {} died with other documents in it; trying this one alone",
              child.pid());
      release(child);
      released = true;
      return alone(request, limit);
    } finally {
      documentsInFlight.decrementAndGet();
      if (!released) {
        release(child);
      }
    }
  }

  /** Sends the request to {@code child} and waits for its answer, up to {@code limit}. */
  private Serializable answer(ExtractionChild child, ChildRequest request, Duration limit)
      throws DocumentProcessingException, IOException {
    ExtractionChild.Call call = child.send(request);
    try {
      return valueOf(call.answer().get(limit.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      log.atWarn()
          .addKeyValue("event", "child.killed")
          .log("extraction child {} did not answer within {}; killed", child.pid(), limit);
      child.kill();
      throw new DocumentProcessingException(
          DocumentErrorCode.PROCESSING_TIMEOUT,
          "The document did not finish within " + limit.toSeconds() + " seconds.",
          null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ExtractionChild.Died died) {
        throw died;
      }
      throw new IOException("the extraction child's answer could not be read", e.getCause());
    } catch (InterruptedException e) {
      // The job was cancelled: the child stops within the page it is on, then answers into the
      // void.
      child.cancel(call.id());
      Thread.currentThread().interrupt();
      throw new AbandonedCall(call, e);
    }
  }

  /** Runs the request in a child of its own, which it owns whatever happens to it. */
  private Serializable alone(ChildRequest request, Duration limit)
      throws DocumentProcessingException, IOException {
    try {
      soloChildren.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to run a document alone", e);
    }
    ExtractionChild solo = null;
    try {
      solo = ExtractionChild.start(settings, 1, socketDirectory, dead -> {});
      solo.reserve();
      return answer(solo, request, limit);
    } catch (ExtractionChild.Died died) {
      throw blame(died, solo);
    } finally {
      if (solo != null) {
        solo.kill();
      }
      soloChildren.release();
    }
  }

  private static Serializable valueOf(ChildResponse response) throws DocumentProcessingException {
    if (response.failure() != null) {
      throw response.failure();
    }
    if (response.error() != null) {
      throw new DocumentProcessingException(
          DocumentErrorCode.PROCESSING_FAILED,
          "The document could not be processed; quote the request id when reporting it.",
          null);
    }
    return response.value();
  }

  /** The failure of the document that took its child down. */
  private static DocumentProcessingException blame(
      ExtractionChild.Died died, ExtractionChild child) {
    log.atWarn()
        .addKeyValue("event", "child.crashed")
        .log("extraction child {} died (exit {})", child.pid(), died.exitCode());
    return died.exitCode() == EXIT_OUT_OF_MEMORY
        ? new DocumentProcessingException(
            DocumentErrorCode.DOCUMENT_TOO_COMPLEX,
            "The document needs more memory than a worker has; split it into smaller documents.",
            null)
        : new DocumentProcessingException(
            DocumentErrorCode.PROCESSING_FAILED,
            "The worker processing the document stopped; quote the request id when reporting it.",
            null);
  }

  /** A slot in the least busy child, starting a child when there are fewer than the most. */
  private ExtractionChild acquire() throws IOException {
    synchronized (this) {
      while (true) {
        if (closed) {
          throw new IOException("extraction is closed");
        }
        ExtractionChild best = null;
        for (ExtractionChild child : children) {
          if (child.alive() && (best == null || child.load() < best.load())) {
            best = child;
          }
        }
        if (best != null && best.reserve()) {
          return best;
        }
        if (children.size() + starting < settings.processes()) {
          starting++;
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for an extraction child", e);
        }
      }
    }
    ExtractionChild child = startChild();
    synchronized (this) {
      child.reserve();
      return child;
    }
  }

  private synchronized void release(ExtractionChild child) {
    child.release();
    notifyAll();
  }

  /** Starts a child that counts against the most; the caller has counted it as starting. */
  private ExtractionChild startChild() throws IOException {
    ExtractionChild child;
    try {
      child =
          ExtractionChild.start(
              settings, settings.documentsPerProcess(), socketDirectory, this::died);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        starting--;
        notifyAll();
      }
      throw e;
    }
    synchronized (this) {
      starting--;
      if (closed) {
        child.kill();
        throw new IOException("extraction is closed");
      }
      children.add(child);
      notifyAll();
    }
    return child;
  }

  /** Starts a child that waits, idle, for work: ahead of it, or in place of one that died. */
  private void startSpare() {
    synchronized (this) {
      if (closed || children.size() + starting >= settings.processes()) {
        return;
      }
      starting++;
    }
    try {
      startChild();
    } catch (IOException e) {
      if (!isClosed()) {
        log.warn("could not start an extraction child: {}", e.getMessage());
      }
    }
  }

  /**
   * A child died: whoever waits for a slot must not wait for ever, so a new one takes its place.
   */
  private void died(ExtractionChild child) {
    synchronized (this) {
      children.remove(child);
      notifyAll();
      if (closed) {
        return;
      }
      childDeaths++;
    }
    spares.execute(this::startSpare);
  }

  /** Requests sent to a child and not answered yet. */
  public int documentsInFlight() {
    return documentsInFlight.get();
  }

  /** Children that died (crashed, ran out of memory or were killed) before extraction closed. */
  public synchronized long childDeaths() {
    return childDeaths;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    List<ExtractionChild> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(children);
      children.clear();
      notifyAll();
    }
    all.forEach(ExtractionChild::stop);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    all.forEach(child -> child.killUnlessExited(deadline));
    spares.shutdownNow();
    try (Stream<Path> leftovers = Files.walk(socketDirectory)) {
      for (Path path : leftovers.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.debug("could not remove the extraction socket directory", e);
    }
  }
}
