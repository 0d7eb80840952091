package io.docgrid.tasks.preprocess;

/**
 * The Q16 sine and cosine that {@link Preprocessor} defines. {@code StrictMath} gives the same
 * double on every JVM, so a GPU backend that takes its coefficients from here matches exactly.
 */
public final class FixedPoint {

  public static final int ONE = 1 << 16;

  private FixedPoint() {}

  public static int sin(double degrees) {
    return (int) Math.round(StrictMath.sin(Math.toRadians(degrees)) * ONE);
  }

  public static int cos(double degrees) {
    return (int) Math.round(StrictMath.cos(Math.toRadians(degrees)) * ONE);
  }
}
