package io.docgrid.tasks.preprocess;

/**
 * The Q16 sine and cosine that {@link Preprocessor} defines. {@code StrictMath} gives the same
 * double on every JVM, so a GPU backend that takes its coefficients from here matches exactly.
 */
final class FixedPoint {

  static final int ONE = 1 << 16;

  private FixedPoint() {}

  static int sin(double degrees) {
    return (int) Math.round(StrictMath.sin(Math.toRadians(degrees)) * ONE);
  }

  static int cos(double degrees) {
    return (int) Math.round(StrictMath.cos(Math.toRadians(degrees)) * ONE);
  }
}
