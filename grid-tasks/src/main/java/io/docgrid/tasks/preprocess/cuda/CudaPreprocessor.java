package io.docgrid.tasks.preprocess.cuda;

import io.docgrid.tasks.image.GrayImage;
import io.docgrid.tasks.preprocess.FixedPoint;
import io.docgrid.tasks.preprocess.PreprocessStep;
import io.docgrid.tasks.preprocess.Preprocessor;
import io.docgrid.tasks.preprocess.SauvolaParameters;
import io.docgrid.tasks.preprocess.SkewSearch;
import io.docgrid.tasks.preprocess.cuda.Kernel.Dim;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.Function;

/**
 * The CUDA backend: every stage as kernels on one GPU, with the integer arithmetic {@link
 * Preprocessor} specifies, so that its answers equal the CPU's. Thread-safe: each call borrows one
 * of the device's streams for its page, and allocates its device memory in that stream's order, so
 * concurrent pages overlap their copies and kernels. The search logic of skew estimation is shared
 * with the CPU ({@link SkewSearch}); the GPU scores all candidate angles of a step in one launch.
 */
public final class CudaPreprocessor implements Preprocessor {

  private static final Dim TILE = new Dim(32, 8);
  private static final Dim LINE = Dim.of(256);
  private static final int MAX_INK_BLOCKS_PER_ANGLE = 32;

  private final CudaDevice device;
  private final KernelTimes times;

  public CudaPreprocessor(CudaDevice device, KernelTimes times) {
    this.device = Objects.requireNonNull(device, "device");
    this.times = Objects.requireNonNull(times, "times");
  }

  @Override
  public GrayImage grayscale(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      // Already gray: GrayImage.of copies the raster as it is, with no colour conversion.
      return GrayImage.of(image);
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int count = Math.multiplyExact(width, height);
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    return onStream(
        PreprocessStep.GRAYSCALE,
        stream -> {
          try (DeviceMemory colour = stream.allocate(4L * count);
              DeviceMemory gray = stream.allocate(count)) {
            stream.upload(argb, colour);
            device
                .kernel("grayscale.cu", "grayscale")
                .launch(
                    stream.handle(),
                    Dim.covering(count, 1, LINE),
                    LINE,
                    0,
                    colour,
                    gray,
                    (long) count);
            return new GrayImage(width, height, stream.downloadBytes(gray, count));
          }
        });
  }

  @Override
  public double estimateSkewDegrees(GrayImage page) {
    Objects.requireNonNull(page, "page");
    int hundredths = onStream(PreprocessStep.SKEW, stream -> estimateHundredths(stream, page));
    return hundredths / 100.0;
  }

  private int estimateHundredths(CudaStream stream, GrayImage page) {
    int width = page.width();
    int height = page.height();
    int factor = SkewSearch.workingFactor(width, height);
    int workingWidth = SkewSearch.ceilDiv(width, factor);
    int workingHeight = SkewSearch.ceilDiv(height, factor);
    int workingPixels = workingWidth * workingHeight;
    try (DeviceMemory source = stream.allocate(page.pixels().length);
        DeviceMemory working = stream.allocate(workingPixels);
        DeviceMemory histogram = stream.allocate(256 * 8L);
        DeviceMemory ink = stream.allocate(4L * workingPixels);
        DeviceMemory inkCount = stream.allocate(4)) {
      stream.upload(page.pixels(), source);
      device
          .kernel("skew.cu", "block_mean")
          .launch(
              stream.handle(),
              Dim.covering(workingWidth, workingHeight, TILE),
              TILE,
              0,
              source,
              width,
              height,
              factor,
              working,
              workingWidth,
              workingHeight);
      histogram.fill((byte) 0);
      device
          .kernel("skew.cu", "histogram")
          .launch(
              stream.handle(),
              Dim.of(Math.min(256, (workingPixels + 255) / 256)),
              LINE,
              0,
              working,
              (long) workingPixels,
              histogram);
      int threshold = SkewSearch.inkThreshold(stream.downloadLongs(histogram, 256));
      if (threshold < 0) {
        return 0;
      }
      inkCount.fill((byte) 0);
      device
          .kernel("skew.cu", "collect_ink")
          .launch(
              stream.handle(),
              Dim.covering(workingWidth, workingHeight, TILE),
              TILE,
              0,
              working,
              workingWidth,
              workingHeight,
              threshold,
              ink,
              inkCount);
      int inkPixels = stream.downloadInt(inkCount);
      ProfileScorer scorer = new ProfileScorer(stream, ink, inkPixels, workingWidth, workingHeight);
      return SkewSearch.bestHundredths(scorer::scores);
    }
  }

  /** Scores all candidate angles of a search step in one pair of launches. */
  private final class ProfileScorer {

    private final CudaStream stream;
    private final DeviceMemory ink;
    private final int inkPixels;
    private final int binCount;
    private final int offset;

    ProfileScorer(CudaStream stream, DeviceMemory ink, int inkPixels, int width, int height) {
      this.stream = stream;
      this.ink = ink;
      this.inkPixels = inkPixels;
      // As on the CPU: bins fall in (−width, width + height], with one empty bin either side.
      this.binCount = 2 * width + height + 3;
      this.offset = width + 1;
    }

    long[] scores(int[] hundredths) {
      int angles = hundredths.length;
      int[] coefficients = new int[2 * angles];
      for (int i = 0; i < angles; i++) {
        coefficients[i] = FixedPoint.sin(hundredths[i] / 100.0);
        coefficients[angles + i] = FixedPoint.cos(hundredths[i] / 100.0);
      }
      // Sines then cosines in one allocation: one upload through the staging buffer.
      try (DeviceMemory sines = stream.allocate(8L * angles);
          DeviceMemory bins = stream.allocate(4L * angles * binCount);
          DeviceMemory scores = stream.allocate(8L * angles)) {
        stream.upload(coefficients, sines);
        bins.zero32((long) angles * binCount);
        int blocksPerAngle =
            Math.max(1, Math.min(MAX_INK_BLOCKS_PER_ANGLE, (inkPixels + 255) / 256));
        device
            .kernel("skew.cu", "project_ink")
            .launch(
                stream.handle(),
                new Dim(blocksPerAngle, angles),
                LINE,
                4 * binCount,
                ink,
                inkPixels,
                sines,
                sines.address() + 4L * angles,
                binCount,
                offset,
                bins);
        device
            .kernel("skew.cu", "profile_scores")
            .launch(stream.handle(), Dim.of(angles), LINE, 0, bins, binCount, scores);
        return stream.downloadLongs(scores, angles);
      }
    }
  }

  @Override
  public GrayImage rotate(GrayImage page, double degrees) {
    Objects.requireNonNull(page, "page");
    if (!Double.isFinite(degrees)) {
      throw new IllegalArgumentException("degrees must be a finite number, got " + degrees);
    }
    int sine = FixedPoint.sin(degrees);
    int cosine = FixedPoint.cos(degrees);
    int width = page.width();
    int height = page.height();
    int count = page.pixels().length;
    return onStream(
        PreprocessStep.ROTATE,
        stream -> {
          try (DeviceMemory source = stream.allocate(count);
              DeviceMemory target = stream.allocate(count)) {
            stream.upload(page.pixels(), source);
            device
                .kernel("rotate.cu", "rotate_bilinear")
                .launch(
                    stream.handle(),
                    Dim.covering(width, height, TILE),
                    TILE,
                    0,
                    source,
                    target,
                    width,
                    height,
                    sine,
                    cosine);
            return new GrayImage(width, height, stream.downloadBytes(target, count));
          }
        });
  }

  @Override
  public GrayImage binarize(GrayImage page, SauvolaParameters parameters) {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(parameters, "parameters");
    int width = page.width();
    int height = page.height();
    int count = page.pixels().length;
    long integralWords = (long) (width + 1) * (height + 1);
    return onStream(
        PreprocessStep.BINARIZE,
        stream -> {
          try (DeviceMemory source = stream.allocate(count);
              DeviceMemory sums = stream.allocate(8 * integralWords);
              DeviceMemory squares = stream.allocate(8 * integralWords);
              DeviceMemory target = stream.allocate(count)) {
            stream.upload(page.pixels(), source);
            sums.fill((byte) 0);
            squares.fill((byte) 0);
            device
                .kernel("sauvola.cu", "column_sums")
                .launch(
                    stream.handle(),
                    Dim.covering(width, 1, LINE),
                    LINE,
                    0,
                    source,
                    width,
                    height,
                    sums,
                    squares);
            device
                .kernel("sauvola.cu", "row_sums")
                .launch(
                    stream.handle(),
                    Dim.covering(height, 1, LINE),
                    LINE,
                    0,
                    width,
                    height,
                    sums,
                    squares);
            device
                .kernel("sauvola.cu", "sauvola_threshold")
                .launch(
                    stream.handle(),
                    Dim.covering(width, height, TILE),
                    TILE,
                    0,
                    source,
                    sums,
                    squares,
                    target,
                    width,
                    height,
                    parameters.window() / 2,
                    parameters.k(),
                    parameters.dynamicRange());
            return new GrayImage(width, height, stream.downloadBytes(target, count));
          }
        });
  }

  @Override
  public String backend() {
    return "cuda";
  }

  /** Runs one stage of one page on a borrowed stream, timing it on the device. */
  private <T> T onStream(PreprocessStep step, Function<CudaStream, T> work) {
    CudaStream stream = device.borrowStream();
    try {
      // A stage that failed may have left copies queued against the staging buffer.
      stream.synchronize();
      stream.startTiming();
      T result = work.apply(stream);
      times.record(step.label(), stream.stopTiming());
      return result;
    } finally {
      device.release(stream);
    }
  }

  @Override
  public String toString() {
    return "CudaPreprocessor on " + device;
  }
}
