package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.image.GrayImage;
import java.awt.image.BufferedImage;

/**
 * The image stages between rasterisation and OCR. Every backend (CPU, CUDA) implements this
 * interface and must give the same answers: skew within 0.05°, binarised images equal on at least
 * 99.9% of pixels, gray images within ±1 per pixel. Each method is therefore pure (image in, new
 * image or value out, the input is never modified, no state kept between calls) and specified here
 * down to the integer arithmetic and rounding, so that a second backend can be written from this
 * text alone.
 *
 * <p>Conventions used throughout: x grows to the right and y downwards, (0, 0) is the top-left
 * pixel; {@code a >> b} is an arithmetic shift, i.e. floor division by 2^b also for negative a;
 * {@code round(v)} is {@code floor(v + 0.5)} ({@link Math#round(double)}); the fixed-point sine and
 * cosine of an angle of {@code d} degrees are {@code S(d) = round(sin(d · π / 180) · 65536)} and
 * {@code C(d) = round(cos(d · π / 180) · 65536)}, evaluated in IEEE double as {@code
 * Math.round(StrictMath.sin(Math.toRadians(d)) * 65536)} (a GPU backend computes them on the host
 * with exactly that Java expression and passes the integers to the device).
 *
 * <p>Angles: a positive angle is a counter-clockwise rotation as the page is seen on screen, so a
 * page with skew +2° has text lines that rise to the right.
 */
public interface Preprocessor {

  /**
   * Converts a rendered or scanned page to gray with {@link GrayImage#of}'s integer arithmetic:
   * {@code (299 R + 587 G + 114 B + 500) / 1000}, composed over white by alpha as {@code (gray · A
   * + 255 · (255 − A) + 127) / 255}.
   */
  default GrayImage grayscale(BufferedImage image) {
    return GrayImage.of(image);
  }

  /** The largest skew, in degrees either way, that {@link #estimateSkewDegrees} reports. */
  double MAX_SKEW_DEGREES = 15.0;

  /**
   * Estimates how far the text lines of {@code page} are rotated from horizontal, in degrees within
   * ±{@value #MAX_SKEW_DEGREES}, a multiple of 0.01. Positive: the page is rotated
   * counter-clockwise and lines rise to the right; {@code rotate(page, -estimateSkewDegrees(page))}
   * straightens it. Returns exactly 0.0 when the page has no usable text lines (blank, no contrast,
   * no dominant line direction).
   *
   * <p>Algorithm (every step but Otsu's comparison is integer arithmetic):
   *
   * <ol>
   *   <li><b>Downsample.</b> f = max(1, ceil(max(w, h) / 2048)). The working image has ceil(w / f)
   *       × ceil(h / f) pixels; pixel (X, Y) is the mean of the source pixels x in [fX, min(fX + f,
   *       w)), y in [fY, min(fY + f, h)): {@code (sum + count / 2) / count} in integers (blocks on
   *       the right and bottom edges may be partial). An A4 page at 300 dpi (2480 × 3508) gives f =
   *       2.
   *   <li><b>Otsu threshold.</b> Over the 256-bin histogram of the working image, for each t in
   *       0..254 with both classes non-empty (n0 pixels ≤ t with sum s0, n1 pixels &gt; t with sum
   *       s1, all exact longs), score(t) = {@code (double) d * (double) d / ((double) n0 * (double)
   *       n1)} with {@code d = n1 · s0 − n0 · s1} (exact long). The threshold is the t with the
   *       highest score, the smallest such t on ties. No t with both classes non-empty (a uniform
   *       page) → return 0.0. If {@code s1 · n0 − s0 · n1 < MIN_CONTRAST · n0 · n1} (the class
   *       means differ by less than 40 gray levels: noise, not ink) → return 0.0.
   *   <li><b>Ink.</b> Working pixels with value ≤ t.
   *   <li><b>Profile score</b> of a candidate angle a (in hundredths of a degree, d = a / 100):
   *       with S = S(d) and C = C(d), every ink pixel (X, Y) falls into bin {@code (X · S + Y · C +
   *       32768) >> 16}, its rounded distance along the normal of lines tilted by d. With h[i] the
   *       number of ink pixels in bin i (0 for bins that hold none), score(a) = Σ over all i of
   *       (h[i + 1] − h[i])², an exact long. Aligned lines give sharp, tall peaks and the highest
   *       score.
   *   <li><b>Search</b>, a in hundredths of a degree, always within [−1500, 1500]: coarse over a =
   *       −1500, −1475, …, 1500 (step 25); then b − 30 … b + 30 step 5 around the coarse best b;
   *       then c − 5 … c + 5 step 1 around that best c. "Best" is the highest score; ties go to the
   *       smaller |a|, then to the smaller a. If the coarse best score is below 1.5 × the median of
   *       the 121 coarse scores (the 61st smallest; compared as {@code 2 · best < 3 · median}) no
   *       line direction dominates and the result is 0.0. The result is the final best a / 100.
   * </ol>
   *
   * @return the skew in degrees, in [−15, 15], a multiple of 0.01
   */
  double estimateSkewDegrees(GrayImage page);

  /**
   * Rotates {@code page} counter-clockwise (as seen on screen) by {@code degrees} about its centre;
   * negative values rotate clockwise. The output has the same size; areas that no source pixel
   * covers are white (255). {@code rotate(page, -estimateSkewDegrees(page))} deskews a page, and
   * {@code rotate(page, 0)} returns an equal image.
   *
   * <p>Inverse mapping with bilinear interpolation in fixed point. With C = C(degrees), S =
   * S(degrees) and, for output pixel (x, y), dx = 2x − (w − 1), dy = 2y − (h − 1) (doubled offsets
   * from the centre, so that they are integers), the source position in units of 2^−17 pixel is
   * (64-bit signed integers)
   *
   * <pre>
   *   u = (w − 1) · 65536 + dx · C − dy · S
   *   v = (h − 1) · 65536 + dx · S + dy · C
   * </pre>
   *
   * with x0 = u &gt;&gt; 17, fx = (u &gt;&gt; 9) &amp; 255, y0 = v &gt;&gt; 17, fy = (v &gt;&gt; 9)
   * &amp; 255 (integer part and 8-bit fraction). Source pixels outside the image read as 255. Then,
   * in integers,
   *
   * <pre>
   *   top    = p(x0, y0)     · (256 − fx) + p(x0 + 1, y0)     · fx
   *   bottom = p(x0, y0 + 1) · (256 − fx) + p(x0 + 1, y0 + 1) · fx
   *   out    = (top · (256 − fy) + bottom · fy + 32768) &gt;&gt; 16
   * </pre>
   *
   * @param degrees any finite angle
   */
  GrayImage rotate(GrayImage page, double degrees);

  /**
   * Binarises {@code page} with Sauvola's local threshold: every output pixel is 0 (ink) or 255.
   *
   * <p>For pixel (x, y) with value p, and r = window / 2, the window is x' in [max(0, x − r), min(w
   * − 1, x + r)], y' in [max(0, y − r), min(h − 1, y + r)]: clipped at the borders, so edge pixels
   * use the smaller window that lies inside the image (no padding, no mirroring). Over its n
   * pixels, S1 = Σ p' and S2 = Σ p'² are exact integer sums and {@code V = n · S2 − S1 · S1} is an
   * exact long (n² times the variance). The threshold is then evaluated in IEEE double in exactly
   * this order, without fused multiply-add:
   *
   * <pre>
   *   mean = (double) S1 / (double) n
   *   std  = sqrt((double) V) / (double) n
   *   T    = mean * (1.0 + k * (std / R - 1.0))
   * </pre>
   *
   * and the output is 0 if {@code p <= T}, else 255. A uniform page has std = 0 and T = (1 − k) · p
   * &lt; p, so it comes out all white (unless it is all black).
   */
  GrayImage binarize(GrayImage page, SauvolaParameters parameters);

  /** A short, stable name for logs and metrics labels: {@code "cpu"}, {@code "cuda"}. */
  String backend();
}
