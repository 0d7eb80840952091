package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;
import java.awt.image.BufferedImage;
import java.util.Objects;

/** A backend that tells a listener of every page each stage has processed, by backend. */
public final class ObservedPreprocessor implements Preprocessor {

  /** Told once per page and step: ("cuda", {@link PreprocessStep#label()}). */
  @FunctionalInterface
  public interface Listener {
    void processed(String backend, String stage);
  }

  private final Preprocessor backend;
  private final Listener listener;

  public ObservedPreprocessor(Preprocessor backend, Listener listener) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public GrayImage grayscale(BufferedImage image) {
    GrayImage gray = backend.grayscale(image);
    listener.processed(backend.backend(), PreprocessStep.GRAYSCALE.label());
    return gray;
  }

  @Override
  public double estimateSkewDegrees(GrayImage page) {
    double skew = backend.estimateSkewDegrees(page);
    listener.processed(backend.backend(), PreprocessStep.SKEW.label());
    return skew;
  }

  @Override
  public GrayImage rotate(GrayImage page, double degrees) {
    GrayImage rotated = backend.rotate(page, degrees);
    listener.processed(backend.backend(), PreprocessStep.ROTATE.label());
    return rotated;
  }

  @Override
  public GrayImage binarize(GrayImage page, SauvolaParameters parameters) {
    GrayImage binary = backend.binarize(page, parameters);
    listener.processed(backend.backend(), PreprocessStep.BINARIZE.label());
    return binary;
  }

  @Override
  public String backend() {
    return backend.backend();
  }
}
