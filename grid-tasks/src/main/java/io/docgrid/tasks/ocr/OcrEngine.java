package io.docgrid.tasks.ocr;

import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixReadMem;
import static org.bytedeco.leptonica.global.leptonica.pixSetResolution;
import static org.bytedeco.tesseract.global.tesseract.OEM_DEFAULT;
import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_AUTO;
import static org.bytedeco.tesseract.global.tesseract.PSM_OSD_ONLY;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;
import static org.bytedeco.tesseract.global.tesseract.TessDeleteText;
import static org.bytedeco.tesseract.global.tesseract.TessResultIteratorDelete;

import io.docgrid.tasks.image.GrayImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Tesseract 5 (LSTM engine) behind a small API: one page image in, text, word boxes and hOCR out.
 *
 * <p><b>Not thread-safe.</b> Create one engine per worker thread and reuse it across pages:
 * initialisation loads the models and costs about 0.3 s, a page then costs what recognition costs.
 * Close it when the worker stops; it holds native memory that the garbage collector does not see.
 *
 * <p>Threads: the JavaCPP build of libtesseract used here is compiled without OpenMP (it links no
 * libgomp), so recognition runs on the calling thread only and the grid's worker count alone sets
 * CPU use. A Tesseract built with OpenMP (Debian's, for one) would start its own threads per call,
 * which measured about 7 times slower on 2 cores; neither {@code SetVariable} nor any preset API
 * caps them, and {@code OMP_THREAD_LIMIT} is read when libgomp loads, before Java code could set
 * it. The node launcher should therefore set {@code OMP_THREAD_LIMIT=1} in the environment, which
 * costs nothing here and protects a node that ever loads an OpenMP build.
 */
public final class OcrEngine implements PageReader, AutoCloseable {

  private static final String OSD_LANGUAGE = "osd";
  private static final int DEFAULT_DPI = 300;

  private final TessdataDirectory models;
  private TessBaseAPI api;

  /** For orientation detection, created on first use: most pages never need it. */
  private TessBaseAPI osd;

  private boolean closed;

  /**
   * Loads the models for {@code languages} (for example {@code ["eng", "deu"]}) from {@code
   * models}.
   *
   * @throws IllegalArgumentException if a language has no model in {@code models}; the message
   *     names the missing and the installed languages
   * @throws IllegalStateException if Tesseract fails to initialise with models that are present
   */
  public OcrEngine(TessdataDirectory models, List<String> languages) {
    this.models = Objects.requireNonNull(models, "models");
    if (languages == null || languages.isEmpty()) {
      throw new IllegalArgumentException(
          "languages must name at least one model; installed: " + models.languages());
    }
    Set<String> installed = models.languages();
    Set<String> missing = new TreeSet<>();
    for (String language : languages) {
      if (language == null || !installed.contains(language)) {
        missing.add(String.valueOf(language));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "no OCR model for "
              + missing
              + " in "
              + models.path()
              + "; installed languages: "
              + installed
              + " (add <lang>.traineddata from tessdata_fast to that directory)");
    }
    this.api = initialise(String.join("+", languages), OEM_LSTM_ONLY, PSM_AUTO);
  }

  /**
   * Recognises the text on {@code image}.
   *
   * @param dpi the resolution the image was scanned or rendered at; Tesseract scales its
   *     expectations of text size by it
   */
  public OcrPage recognise(GrayImage image, int dpi) {
    return recognise(image, dpi, 0);
  }

  /**
   * Recognises the text on {@code image}, giving up after {@code deadlineMillis} (0: no deadline).
   *
   * @throws OcrDeadlineExceededException when Tesseract stopped at the deadline
   */
  @Override
  public OcrPage recognise(GrayImage image, int dpi, int deadlineMillis) {
    ensureOpen();
    Objects.requireNonNull(image, "image");
    requirePositive(dpi);
    // Tesseract copies the pixels into its own Pix here, so the Java array may move afterwards.
    api.SetImage(image.pixels(), image.width(), image.height(), 1, image.width());
    api.SetSourceResolution(dpi);
    try (ETEXT_DESC monitor = deadlineMillis > 0 ? new ETEXT_DESC() : null) {
      if (monitor != null) {
        // Tesseract checks the monitor between words and stops once the deadline has passed.
        monitor.set_deadline_msecs(deadlineMillis);
      }
      int status = api.Recognize(monitor);
      if (monitor != null && monitor.deadline_exceeded()) {
        throw new OcrDeadlineExceededException(deadlineMillis);
      }
      if (status != 0) {
        throw new IllegalStateException(
            "Tesseract failed to recognise a " + image.width() + "x" + image.height() + " image");
      }
      List<OcrWord> words = words();
      float minConfidence = 0f;
      if (!words.isEmpty()) {
        minConfidence = Float.MAX_VALUE;
        for (OcrWord word : words) {
          minConfidence = Math.min(minConfidence, word.confidence());
        }
      }
      String text = normalise(takeText(api.GetUTF8Text()));
      String hocr = takeText(api.GetHOCRText(0));
      return new OcrPage(text, words, api.MeanTextConf(), minConfidence, hocr);
    } finally {
      // Frees the page's image and results; the loaded models stay for the next page.
      api.Clear();
    }
  }

  /**
   * Detects how {@code image} must be turned to read upright, with Tesseract's orientation and
   * script detection (the bundled {@code osd} model), assuming a 300 dpi image. A page with too
   * little text to judge gives {@code new Orientation(0, 0f)}.
   *
   * @throws IllegalStateException if {@code osd.traineddata} is not installed
   */
  public Orientation detectOrientation(GrayImage image) {
    return detectOrientation(image, DEFAULT_DPI);
  }

  /** {@link #detectOrientation(GrayImage)} for an image of known resolution. */
  public Orientation detectOrientation(GrayImage image, int dpi) {
    ensureOpen();
    Objects.requireNonNull(image, "image");
    requirePositive(dpi);
    if (osd == null) {
      if (!models.languages().contains(OSD_LANGUAGE)) {
        throw new IllegalStateException(
            "orientation detection needs osd.traineddata in "
                + models.path()
                + "; installed languages: "
                + models.languages());
      }
      // osd.traineddata holds only a legacy-engine model, which OEM_LSTM_ONLY would refuse.
      osd = initialise(OSD_LANGUAGE, OEM_DEFAULT, PSM_OSD_ONLY);
    }
    // OSD reads the resolution from the image itself, not from SetSourceResolution: raw bytes
    // would make it warn on stderr for every page and find lines as if at 70 dpi. A Pix carries
    // it; Tesseract copies the Pix, so it is freed at once.
    PIX pix = toPix(image, dpi);
    try {
      osd.SetImage(pix);
    } finally {
      pixDestroy(pix);
    }
    osd.SetSourceResolution(dpi);
    try {
      int[] textDegrees = new int[1];
      float[] confidence = new float[1];
      // False when there are too few characters ("Too few characters. Skipping this page"):
      // Tesseract has no opinion, and upright is the best guess for the pages we get.
      if (!osd.DetectOrientationScript(textDegrees, confidence, (byte[]) null, null)) {
        return new Orientation(0, 0f);
      }
      // DetectOrientationScript gives the angle the text has been turned by, clockwise: a page
      // rotated 90 degrees clockwise reports 90. Undoing it takes the rest of the full turn, the
      // same mapping as the "Rotate:" line of GetOsdText ("Orientation in degrees: 90",
      // "Rotate: 270"). The tests check it by turning the page back and reading it.
      return new Orientation((360 - textDegrees[0]) % 360, confidence[0]);
    } finally {
      osd.Clear();
    }
  }

  /** The version of the native Tesseract library, for example {@code 5.5.3}. */
  public String tesseractVersion() {
    ensureOpen();
    // A static string inside the library: not ours to free.
    return TessBaseAPI.Version().getString(StandardCharsets.UTF_8);
  }

  /** Releases the models and native memory; later calls throw {@link IllegalStateException}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    release(api);
    api = null;
    release(osd);
    osd = null;
  }

  private TessBaseAPI initialise(String languages, int engineMode, int pageSegmentationMode) {
    TessBaseAPI created = new TessBaseAPI();
    if (created.Init(models.path().toString(), languages, engineMode) != 0) {
      release(created);
      throw new IllegalStateException(
          "Tesseract could not load the models for "
              + languages
              + " from "
              + models.path()
              + "; a model file may be corrupt or of an older format (Tesseract prints the cause on"
              + " stderr)");
    }
    created.SetPageSegMode(pageSegmentationMode);
    return created;
  }

  private List<OcrWord> words() {
    List<OcrWord> words = new ArrayList<>();
    ResultIterator iterator = api.GetIterator();
    if (iterator == null || iterator.isNull()) {
      return words;
    }
    try {
      int[] left = new int[1];
      int[] top = new int[1];
      int[] right = new int[1];
      int[] bottom = new int[1];
      do {
        if (iterator.Empty(RIL_WORD)) {
          continue;
        }
        String text = takeText(iterator.GetUTF8Text(RIL_WORD));
        if (text.isEmpty() || !iterator.BoundingBox(RIL_WORD, left, top, right, bottom)) {
          continue;
        }
        words.add(
            new OcrWord(
                text,
                left[0],
                top[0],
                right[0] - left[0],
                bottom[0] - top[0],
                iterator.Confidence(RIL_WORD)));
      } while (iterator.Next(RIL_WORD));
    } finally {
      // GetIterator returns a new C++ object; JavaCPP attaches no deallocator to returned pointers.
      TessResultIteratorDelete(iterator);
    }
    return words;
  }

  /**
   * Reads and frees a string Tesseract allocated with {@code new[]}. {@code BytePointer.close()} or
   * {@code deallocate()} would do nothing here (no deallocator on a returned pointer), and {@code
   * free} would be wrong; {@code TessDeleteText} is the matching {@code delete[]}.
   */
  private static String takeText(BytePointer text) {
    if (text == null || text.isNull()) {
      return "";
    }
    try {
      return text.getString(StandardCharsets.UTF_8);
    } finally {
      TessDeleteText(text);
    }
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n").stripTrailing();
  }

  private static void release(TessBaseAPI api) {
    if (api != null) {
      api.End();
      // The Java object owns the C++ one (allocated by its constructor): close() deletes it.
      api.close();
    }
  }

  /** Via an in-memory PGM: leptonica's reader lays out and pads the rows as a Pix wants them. */
  private static PIX toPix(GrayImage image, int dpi) {
    byte[] header =
        ("P5\n" + image.width() + " " + image.height() + "\n255\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] pgm = Arrays.copyOf(header, header.length + image.pixels().length);
    System.arraycopy(image.pixels(), 0, pgm, header.length, image.pixels().length);
    PIX pix = pixReadMem(pgm, pgm.length);
    if (pix == null || pix.isNull()) {
      throw new IllegalStateException(
          "leptonica could not take a " + image.width() + "x" + image.height() + " image");
    }
    pixSetResolution(pix, dpi, dpi);
    return pix;
  }

  private static void requirePositive(int dpi) {
    if (dpi <= 0) {
      throw new IllegalArgumentException("dpi must be positive, got " + dpi);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this OcrEngine is closed");
    }
  }
}
