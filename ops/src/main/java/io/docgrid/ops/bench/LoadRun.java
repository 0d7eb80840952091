package io.docgrid.ops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One pass of a set of documents through one service at a fixed number of clients: each client
 * takes the next document as soon as its previous one is done, so the service always has that many
 * documents in flight. Measures the pass's wall time and each document's latency.
 */
final class LoadRun {

  /** A document of the set and how many pages it counts for. */
  record Document(Path file, int pages) {}

  /** What one service does with one document: send it and read the whole answer back. */
  interface Service {
    String name();

    /** Returns normally when the service read the document, throws when it did not. */
    void process(Document document) throws Exception;
  }

  /** How one pass went. */
  record Pass(
      String service,
      int clients,
      int documents,
      int pages,
      double seconds,
      List<Double> latenciesMillis,
      List<String> failed) {

    double pagesPerSecond() {
      return pages / seconds;
    }

    double percentile(double fraction) {
      List<Double> sorted = new ArrayList<>(latenciesMillis);
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(fraction * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "%-28s clients %2d  %7.1f pages/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  failed %d",
          service,
          clients,
          pagesPerSecond(),
          percentile(0.50),
          percentile(0.95),
          percentile(0.99),
          failed.size());
    }
  }

  private LoadRun() {}

  /** The median pages/s of several passes. */
  static double medianPagesPerSecond(List<Pass> runs) {
    double[] rates = runs.stream().mapToDouble(Pass::pagesPerSecond).sorted().toArray();
    int middle = rates.length / 2;
    return rates.length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
  }

  /** Several passes as one, for latency percentiles over all their documents. */
  static Pass pooled(List<Pass> runs) {
    List<Double> latencies = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Pass run : runs) {
      latencies.addAll(run.latenciesMillis());
      failed.addAll(run.failed());
    }
    Pass first = runs.get(0);
    return new Pass(first.service(), first.clients(), 0, 0, 1, latencies, failed);
  }

  static Pass run(Service service, List<Document> documents, int clients) throws Exception {
    ConcurrentLinkedQueue<Document> queue = new ConcurrentLinkedQueue<>(documents);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        workers.add(
            pool.submit(
                () -> {
                  for (Document next = queue.poll(); next != null; next = queue.poll()) {
                    long sent = System.nanoTime();
                    try {
                      service.process(next);
                    } catch (Exception e) {
                      failed.add(next.file().getFileName() + ": " + e.getMessage());
                    }
                    latencies.add((System.nanoTime() - sent) / 1e6);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int pages = documents.stream().mapToInt(Document::pages).sum();
    return new Pass(
        service.name(),
        clients,
        documents.size(),
        pages,
        seconds,
        List.copyOf(latencies),
        List.copyOf(failed));
  }
}
