package io.docgrid.tasks.preprocess.cuda;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.preprocess.GpuBatcher;
import io.docgrid.tasks.preprocess.Preprocessor;
import io.docgrid.tasks.preprocess.SauvolaParameters;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The node's GPU preprocessing as its jobs see it: each stage call of each page becomes an item of
 * a {@link GpuBatcher}, and a batch is spread over the GPUs and their streams at once, so that
 * pages of different jobs share launch sequences and one page's copies overlap another's kernels.
 */
final class BatchingPreprocessor implements Preprocessor, AutoCloseable {

  /** One stage call of one page; the outcome carries its value or its own failure. */
  private record Work(Function<Preprocessor, Object> stage) {}

  private record Outcome(Object value, Throwable failure) {}

  private final List<CudaPreprocessor> devices;
  private final ExecutorService lanes;
  private final GpuBatcher<Work, Outcome> batcher;

  BatchingPreprocessor(
      List<CudaPreprocessor> devices,
      int streamsPerDevice,
      Duration maxWait,
      GpuBatcher.Listener listener) {
    this.devices = List.copyOf(devices);
    int lanes = devices.size() * streamsPerDevice;
    this.lanes = Executors.newFixedThreadPool(lanes, runnable -> daemon(runnable, "gpu-lane"));
    this.batcher = new GpuBatcher<>(this::process, lanes, maxWait, listener);
  }

  private List<Outcome> process(List<Work> batch) {
    List<CompletableFuture<Outcome>> running = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Preprocessor device = devices.get(i % devices.size());
      Work work = batch.get(i);
      running.add(CompletableFuture.supplyAsync(() -> run(work, device), lanes));
    }
    return running.stream().map(CompletableFuture::join).toList();
  }

  private static Outcome run(Work work, Preprocessor device) {
    try {
      return new Outcome(work.stage().apply(device), null);
    } catch (RuntimeException | Error e) {
      return new Outcome(null, e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T submit(Function<Preprocessor, T> stage) {
    Outcome outcome;
    try {
      outcome = batcher.submit(new Work(stage::apply)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the GPU", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("GPU batch failed: " + e.getCause(), e.getCause());
    }
    if (outcome.failure() instanceof RuntimeException failure) {
      throw failure;
    }
    if (outcome.failure() instanceof Error failure) {
      throw failure;
    }
    return (T) outcome.value();
  }

  @Override
  public GrayImage grayscale(BufferedImage image) {
    return submit(device -> device.grayscale(image));
  }

  @Override
  public double estimateSkewDegrees(GrayImage page) {
    return submit(device -> device.estimateSkewDegrees(page));
  }

  @Override
  public GrayImage rotate(GrayImage page, double degrees) {
    return submit(device -> device.rotate(page, degrees));
  }

  @Override
  public GrayImage binarize(GrayImage page, SauvolaParameters parameters) {
    return submit(device -> device.binarize(page, parameters));
  }

  @Override
  public String backend() {
    return "cuda";
  }

  @Override
  public void close() throws InterruptedException {
    batcher.close();
    lanes.shutdownNow();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
