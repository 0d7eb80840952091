package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;
import java.util.Objects;

/**
 * The reference backend: plain Java on one core, following the arithmetic that {@link Preprocessor}
 * specifies to the bit. Stateless, so one instance can serve every thread.
 */
public final class CpuPreprocessor implements Preprocessor {

  @Override
  public double estimateSkewDegrees(GrayImage page) {
    Objects.requireNonNull(page, "page");
    return SkewEstimator.estimateHundredths(page) / 100.0;
  }

  @Override
  public GrayImage rotate(GrayImage page, double degrees) {
    Objects.requireNonNull(page, "page");
    if (!Double.isFinite(degrees)) {
      throw new IllegalArgumentException("degrees must be a finite number, got " + degrees);
    }
    return BilinearRotation.rotate(page, FixedPoint.sin(degrees), FixedPoint.cos(degrees));
  }

  @Override
  public GrayImage binarize(GrayImage page, SauvolaParameters parameters) {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(parameters, "parameters");
    return SauvolaBinarizer.binarize(page, parameters);
  }

  @Override
  public String backend() {
    return "cpu";
  }
}
