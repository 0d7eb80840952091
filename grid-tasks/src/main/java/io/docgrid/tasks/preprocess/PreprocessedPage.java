package io.docgrid.tasks.preprocess;

import io.docgrid.tasks.document.Stage;
import io.docgrid.tasks.image.GrayImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A page ready for OCR, with what was done to it.
 *
 * @param image the gray or (when {@code binarized}) black-and-white page
 * @param skewDegrees the estimated skew before deskewing, 0.0 when skew was not estimated
 * @param deskewed whether the page was rotated by {@code -skewDegrees}
 * @param binarized whether {@code image} holds only 0 and 255
 * @param stageNanos wall time of each stage that ran, by {@link Stage#wireName()}, in run order
 */
public record PreprocessedPage(
    GrayImage image,
    double skewDegrees,
    boolean deskewed,
    boolean binarized,
    Map<String, Long> stageNanos) {

  public PreprocessedPage {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(stageNanos, "stageNanos");
    // Copied into an insertion-ordered view so that timings list in the order the stages ran.
    stageNanos = Collections.unmodifiableMap(new LinkedHashMap<>(stageNanos));
  }
}
