package io.docgrid.tasks.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Tells what a file is from its bytes, and whether its name agrees. Loading Tika's configuration is
 * slow, so build one detector and share it: it is thread-safe.
 *
 * <p>Two depths: {@link #detectFromMagic} compares the first bytes with known signatures and is
 * safe to run anywhere (it reads a bounded prefix and parses nothing), which is what an API node
 * does; {@link #detect} also looks inside zip and OLE2 packages, which parses the package, and so
 * runs only where documents are parsed, behind the isolation boundary.
 */
public final class DocumentTypeDetector {

  private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private final Detector detector;
  private final MimeTypes mimeTypes;
  private final MediaTypeRegistry registry;
  private final SupportedMediaTypes supported;

  /** A detector of both depths, for where documents are parsed. */
  public DocumentTypeDetector() {
    this(TikaConfig.getDefaultConfig());
  }

  private DocumentTypeDetector(TikaConfig config) {
    // The default detector includes the container detectors, which look inside zip and OLE2 files
    // to tell DOCX from XLSX or ODT; magic bytes alone would only say "zip".
    this(config.getDetector(), config.getMimeRepository());
  }

  private DocumentTypeDetector(Detector detector, MimeTypes mimeTypes) {
    this.detector = detector;
    this.mimeTypes = mimeTypes;
    this.registry = mimeTypes.getMediaTypeRegistry();
    this.supported = new SupportedMediaTypes(registry);
  }

  /**
   * A detector of magic bytes and names only, for an API node: it loads Tika's media type table and
   * nothing else, no parser and no container detector ({@link #detect} refuses to run).
   */
  public static DocumentTypeDetector fromMagicBytes() {
    return new DocumentTypeDetector(null, MimeTypes.getDefaultMimeTypes());
  }

  /**
   * The file's media type without parameters, judged by its content only: the name is a client's
   * claim, so it must not sway the answer. {@code application/octet-stream} when nothing matches.
   */
  public String detect(Path file) throws IOException {
    if (detector == null) {
      throw new IllegalStateException("this detector reads magic bytes only");
    }
    // A fresh Metadata without a resource name, so that Tika cannot fall back to the extension.
    try (TikaInputStream stream = TikaInputStream.get(file)) {
      return registry.normalize(detector.detect(stream, new Metadata()).getBaseType()).toString();
    }
  }

  /**
   * The file's media type from its first bytes alone: {@code application/zip} or an OLE2 package
   * type where {@link #detect} would look inside. Parses nothing, so untrusted bytes cannot harm
   * the caller beyond the bounded prefix read.
   */
  public String detectFromMagic(Path file) throws IOException {
    if (startsWithPdfHeader(file)) {
      // The most common upload by far, and the first of Tika's PDF signatures: its whole magic
      // table (some 1,500 patterns over 64 KiB) would say the same.
      return SupportedMediaTypes.PDF.toString();
    }
    try (TikaInputStream stream = TikaInputStream.get(file)) {
      return registry.normalize(mimeTypes.detect(stream, new Metadata()).getBaseType()).toString();
    }
  }

  private static boolean startsWithPdfHeader(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(PDF_HEADER.length), PDF_HEADER);
    }
  }

  /**
   * Whether a type found by {@link #detectFromMagic} may be accepted for processing: a supported
   * type, or a package whose name claims a supported type (or that has no telling name), whose real
   * type {@link #detect} settles where it is parsed.
   */
  public boolean mayBeSupported(String magicType, String fileName) {
    if (isSupported(magicType)) {
      return true;
    }
    if (!supported.isPackage(magicType)) {
      return false;
    }
    return typeForFileName(fileName).map(this::isSupported).orElse(true);
  }

  /** Whether {@code mediaType} is a package whose real type only {@link #detect} tells. */
  public boolean isPackage(String mediaType) {
    return supported.isPackage(mediaType);
  }

  /** Whether text can be extracted from documents of this type today. Parameters are ignored. */
  public boolean isSupported(String mediaType) {
    return supported.contains(mediaType);
  }

  /** The type that the file name's extension claims, or empty when the extension is unknown. */
  public Optional<String> typeForFileName(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return Optional.empty();
    }
    Metadata nameOnly = new Metadata();
    nameOnly.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    MediaType claimed;
    try {
      claimed = mimeTypes.detect(null, nameOnly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: no stream was given, only a name", e);
    }
    if (claimed.equals(MediaType.OCTET_STREAM)) {
      return Optional.empty();
    }
    return Optional.of(claimed.toString());
  }

  /**
   * Whether the file name agrees with the detected type: it has no known extension, or it claims
   * the same type, a more general one or a more specific one. A PDF named {@code report.docx} is
   * inconsistent; {@code data.csv} holding plain text is not.
   */
  public boolean isConsistent(String detectedType, String fileName) {
    Objects.requireNonNull(detectedType, "detectedType");
    Optional<String> claimedName = typeForFileName(fileName);
    if (claimedName.isEmpty()) {
      return true;
    }
    Optional<MediaType> detected = supported.canonical(detectedType);
    Optional<MediaType> claimed = supported.canonical(claimedName.get());
    if (detected.isEmpty() || claimed.isEmpty()) {
      return false;
    }
    return related(detected.get(), claimed.get());
  }

  private boolean related(MediaType detected, MediaType claimed) {
    if (detected.equals(claimed)
        || registry.isSpecializationOf(detected, claimed)
        || registry.isSpecializationOf(claimed, detected)) {
      return true;
    }
    // Content detection cannot tell CSV, Markdown or source code from other text: all it sees is
    // text/plain. Any text/* name is a fair claim for such content.
    if (detected.equals(MediaType.TEXT_PLAIN) && claimed.getType().equals("text")) {
      return true;
    }
    // Many .html files are XHTML, which Tika files under application/xml rather than text/html.
    return isHtml(detected) && isHtml(claimed);
  }

  private static boolean isHtml(MediaType type) {
    return type.equals(MediaType.TEXT_HTML) || type.equals(MediaType.application("xhtml+xml"));
  }
}
