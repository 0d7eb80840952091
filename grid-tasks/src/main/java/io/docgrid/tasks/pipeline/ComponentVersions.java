package io.docgrid.tasks.pipeline;

import io.docgrid.tasks.ocr.TessdataDirectory;
import io.docgrid.tasks.ocr.paddle.PaddleModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tika.Tika;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * The versions of everything that shapes a result, for the result's manifest: the libraries and,
 * for each OCR model, the first 12 hex digits of its SHA-256 (models carry no version of their own
 * that survives repackaging).
 */
public final class ComponentVersions {

  /** Bumped whenever a change to the pipeline changes what it produces for the same input. */
  public static final String PIPELINE_VERSION = "3";

  /**
   * The PaddleOCR models this build ships (SHA-256 prefixes, as in the manifest), for the result
   * cache key of jobs that may read with them; a test holds it to the bundled files.
   */
  public static final String PADDLE_MODELS =
      "det:30a86f573118,cls:491843a3c65d,rec:06b3e6af6c59,keys:28b2362ad4ab";

  private ComponentVersions() {}

  public static Map<String, String> of(TessdataDirectory models) {
    Map<String, String> versions = new TreeMap<>();
    versions.put("pdfbox", org.apache.pdfbox.util.Version.getVersion());
    versions.put("tika", new Tika().toString().replace("Apache Tika ", ""));
    versions.put("tesseract", TessBaseAPI.Version().getString(StandardCharsets.UTF_8));
    if (PaddleModels.bundled()) {
      versions.putAll(PaddleModels.bundledVersions());
    }
    for (String language : models.languages()) {
      versions.put("model." + language, digest(models.path().resolve(language + ".traineddata")));
    }
    return versions;
  }

  private static String digest(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
      MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
