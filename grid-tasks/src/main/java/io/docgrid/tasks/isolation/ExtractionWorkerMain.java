package io.docgrid.tasks.isolation;

import io.docgrid.tasks.document.DocumentProcessingException;
import io.docgrid.tasks.document.TimeBudget;
import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.pipeline.PagePipeline;
import io.docgrid.tasks.preprocess.CpuPreprocessor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The child process that parses, OCRs and renders documents for a compute node, several at once on
 * as many threads, so that a document that exhausts memory, crashes a native library or hangs takes
 * down only this process. Requests and answers travel, numbered, on the Unix domain socket the
 * parent listens on; the child proves who it is with the secret in its environment. Its log lines
 * name it {@code <parent node>/child-<pid>} and carry the request and job ids each request came
 * with. Usage: {@code ExtractionWorkerMain <tessdata directory> <socket> <documents at once>
 * <parent node>}.
 */
public final class ExtractionWorkerMain {

  private static final Logger log = LoggerFactory.getLogger(ExtractionWorkerMain.class);

  /** The log field that names the JVM a line comes from. */
  private static final String NODE = "node";

  private final Map<Long, TimeBudget> budgets = new ConcurrentHashMap<>();
  private final PagePipeline pipeline;
  private final DataOutputStream out;
  private final String node;

  private ExtractionWorkerMain(PagePipeline pipeline, DataOutputStream out, String node) {
    this.pipeline = pipeline;
    this.out = out;
    this.node = node;
  }

  public static void main(String[] args) throws Exception {
    // Everything a child says goes to stderr, as the node's own diagnostics do; stdout stays quiet.
    System.setOut(System.err);
    String token = System.getenv(ExtractionChild.TOKEN_VARIABLE);
    if (token == null) {
      System.err.println("started without its connection secret; only a compute node starts it");
      System.exit(2);
    }
    int threads = Integer.parseInt(args[2]);
    String node = args[3] + "/child-" + ProcessHandle.current().pid();
    MDC.put(NODE, node);
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(Path.of(args[1])));
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel), 1 << 16));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(ChannelStreams.output(channel), 1 << 16));
      Frames.write(out, token);
      ExecutorService workers =
          Executors.newFixedThreadPool(
              threads,
              runnable -> {
                Thread thread = new Thread(runnable, "docgrid-extraction-worker");
                thread.setDaemon(true);
                return thread;
              });
      // A child has no GPU of its own: its pages are preprocessed on the CPU.
      try (PagePipeline pipeline =
          PagePipeline.assemble(
              TessdataDirectory.install(Path.of(args[0])), new CpuPreprocessor())) {
        log.atInfo().addKeyValue("event", "child.started").log("extraction child started");
        new ExtractionWorkerMain(pipeline, out, node).serve(in, workers);
      } finally {
        workers.shutdownNow();
      }
    }
  }

  private void serve(DataInputStream in, ExecutorService workers) throws IOException {
    while (true) {
      Envelope request;
      try {
        request = Frames.read(in, Envelope.class);
      } catch (EOFException parentClosed) {
        return;
      }
      if (request.body() instanceof ChildRequest.Cancel cancel) {
        TimeBudget budget = budgets.get(cancel.requestId());
        if (budget != null) {
          budget.cancel();
        }
        continue;
      }
      ChildRequest work = (ChildRequest) request.body();
      if (work instanceof ChildRequest.Extract extract) {
        // Known before the work starts, so that a cancel arriving at once still finds it.
        budgets.put(
            request.id(),
            TimeBudget.startingNow(
                Duration.ofMillis(extract.documentMillis()),
                Duration.ofMillis(extract.pageMillis())));
      }
      workers.execute(() -> answerInContext(request, work));
    }
  }

  /** Answers a request with the log context it came with, and this child's name. */
  private void answerInContext(Envelope request, ChildRequest work) {
    MDC.setContextMap(request.logContext());
    MDC.put(NODE, node);
    try {
      answer(request.id(), work);
    } finally {
      MDC.clear();
    }
  }

  private void answer(long id, ChildRequest request) {
    ChildResponse response;
    long started = System.nanoTime();
    try {
      response = ChildResponse.of(handle(id, request));
      log.atInfo()
          .addKeyValue("event", "child.document.done")
          .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
          .log("{} done", request.getClass().getSimpleName());
    } catch (DocumentProcessingException e) {
      log.atInfo()
          .addKeyValue("event", "child.document.rejected")
          .log("document rejected: {}", e.code());
      response = ChildResponse.failed(e);
    } catch (Exception e) {
      log.atError().addKeyValue("event", "child.document.crashed").setCause(e).log("parse crashed");
      response = ChildResponse.crashed(e);
    } finally {
      budgets.remove(id);
    }
    try {
      synchronized (out) {
        Frames.write(out, Envelope.of(id, response));
      }
    } catch (IOException parentGone) {
      // The parent closed the socket: it no longer wants the answer, and the child exits soon.
    }
  }

  private Serializable handle(long id, ChildRequest request) throws Exception {
    if (request instanceof ChildRequest.Extract extract) {
      TimeBudget budget = budgets.get(id);
      return pipeline.extract(
          Path.of(extract.file()), extract.mediaType(), extract.options(), budget, extract.scope());
    }
    if (request instanceof ChildRequest.PageImage image) {
      return pipeline.renderPage(
          Path.of(image.file()), image.mediaType(), image.page(), image.width(), image.format());
    }
    ChildRequest.SearchablePdf pdf = (ChildRequest.SearchablePdf) request;
    pipeline.writeSearchablePdf(
        Path.of(pdf.file()), pdf.mediaType(), pdf.layers(), pdf.imageDpi(), Path.of(pdf.target()));
    return Boolean.TRUE;
  }
}
