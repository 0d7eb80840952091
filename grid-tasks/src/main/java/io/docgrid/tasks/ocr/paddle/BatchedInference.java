package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The models' calls of all the node's pages, whichever job they belong to, packed into batches per
 * model: pages for detection by size bucket (the detector pads a page up to its bucket), lines for
 * recognition by width bucket, lines for the angle classifier all alike. Each device (a set of
 * sessions, on one GPU) is a lane that runs one batch of each model at a time; batches leave full,
 * or after a bounded wait, or as soon as a lane frees up. What a page reads does not depend on the
 * pages it shared batches with: every input is padded to a shape fixed by itself alone.
 */
public final class BatchedInference implements PaddleInference {

  /** Told of every batch that leaves. */
  @FunctionalInterface
  public interface Listener {
    Listener IGNORED = (model, size, capacity, waitedNanos) -> {};

    /**
     * @param model {@code det}, {@code cls} or {@code rec}
     * @param size how many pages or lines the batch held
     * @param capacity the most it could hold
     * @param waitedNanos how long its oldest item waited for it to leave
     */
    void flushed(String model, int size, int capacity, long waitedNanos);
  }

  /**
   * How big batches get and how long an item waits for more.
   *
   * @param pages pages per detection batch
   * @param lines lines per recognition or classifier batch
   * @param maxWait the longest an item waits for its batch to fill while a lane is free
   */
  public record Limits(int pages, int lines, Duration maxWait) {

    /**
     * A detection batch of 8 pages of 1600 × 1152 takes about 2 GiB of activations; 64 lines keep a
     * GPU's recognition busy; a few milliseconds are nothing next to a page's OCR.
     */
    public static final Limits DEFAULT = new Limits(8, 64, Duration.ofMillis(5));
  }

  private record Page(float[] input, int height, int width) {}

  private record Line(float[] input, int width) {}

  private final List<PaddleModels> devices;
  private final InferenceBatcher<List<Integer>, Page, float[]> detection;
  private final InferenceBatcher<Integer, Line, float[]> classification;
  private final InferenceBatcher<Integer, Line, RecognitionSteps> recognition;

  /**
   * @param devices the models loaded once per device; this closes them
   */
  public BatchedInference(List<PaddleModels> devices, Limits limits, Listener listener) {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("at least one device's models");
    }
    Objects.requireNonNull(listener, "listener");
    this.devices = List.copyOf(devices);
    List<ModelRunner> runners = devices.stream().map(ModelRunner::new).toList();
    detection =
        new InferenceBatcher<>(
            "paddle-det",
            lanes(
                runners,
                (runner, pages) ->
                    runner.detect(
                        pages.stream().map(Page::input).toList(),
                        pages.get(0).height(),
                        pages.get(0).width())),
            page -> List.of(page.height(), page.width()),
            limits.pages(),
            limits.maxWait(),
            told(listener, "det"));
    classification =
        new InferenceBatcher<>(
            "paddle-cls",
            lanes(runners, (runner, lines) -> runner.classify(inputs(lines))),
            Line::width,
            limits.lines(),
            limits.maxWait(),
            told(listener, "cls"));
    recognition =
        new InferenceBatcher<>(
            "paddle-rec",
            lanes(
                runners, (runner, lines) -> runner.recognise(inputs(lines), lines.get(0).width())),
            Line::width,
            limits.lines(),
            limits.maxWait(),
            told(listener, "rec"));
  }

  @FunctionalInterface
  private interface BatchCall<I, O> {
    List<O> run(ModelRunner runner, List<I> batch) throws OrtException;
  }

  private static <I, O> List<InferenceBatcher.Lane<I, O>> lanes(
      List<ModelRunner> runners, BatchCall<I, O> call) {
    return runners.stream()
        .<InferenceBatcher.Lane<I, O>>map(runner -> batch -> call.run(runner, batch))
        .toList();
  }

  private static InferenceBatcher.Listener told(Listener listener, String model) {
    return (size, capacity, waited) -> listener.flushed(model, size, capacity, waited);
  }

  private static List<float[]> inputs(List<Line> lines) {
    return lines.stream().map(Line::input).toList();
  }

  @Override
  public float[] detect(float[] page, int height, int width) throws OrtException {
    return await(detection.submit(new Page(page, height, width)));
  }

  @Override
  public List<float[]> classify(List<float[]> lines) throws OrtException {
    List<CompletableFuture<float[]>> classified = new ArrayList<>(lines.size());
    for (float[] line : lines) {
      classified.add(classification.submit(new Line(line, LineRecognizer.CLASSIFIER_WIDTH)));
    }
    return awaitAll(classified);
  }

  @Override
  public List<RecognitionSteps> recognise(List<float[]> lines, int width) throws OrtException {
    List<CompletableFuture<RecognitionSteps>> read = new ArrayList<>(lines.size());
    for (float[] line : lines) {
      read.add(recognition.submit(new Line(line, width)));
    }
    return awaitAll(read);
  }

  private static <O> List<O> awaitAll(List<CompletableFuture<O>> futures) throws OrtException {
    List<O> outputs = new ArrayList<>(futures.size());
    for (CompletableFuture<O> future : futures) {
      outputs.add(await(future));
    }
    return outputs;
  }

  private static <O> O await(CompletableFuture<O> future) throws OrtException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a model batch", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof OrtException ort) {
        throw ort;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("a model batch failed: " + cause, cause);
    }
  }

  @Override
  public List<String> dictionary() {
    return devices.get(0).dictionary();
  }

  @Override
  public Map<String, String> versions() {
    return devices.get(0).versions();
  }

  @Override
  public void close() {
    try {
      detection.close();
      classification.close();
      recognition.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      devices.forEach(PaddleModels::close);
    }
  }
}
