package io.docgrid.api.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrEngineChoice;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A job's {@code options}, as clients send them and as jobs store them: every option is a component
 * here, with its JSON shape (Jackson), the rules for its value (Jakarta Bean Validation) and its
 * default, filled in for what is missing or null (those of {@link ProcessingOptions#DEFAULTS}, what
 * the grid processes with). {@link JobOptions} reads and writes this record and knows no option by
 * name, so an option is added here (and to {@link ProcessingOptions} when processing reads it) and
 * in docs/api.md's options table, which a test holds to this record.
 */
record OptionsInput(
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) OcrMode ocr,
    // Tesseract's own spelling, "eng+deu", is accepted as well as a list.
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        @Size(min = 1, max = 5, message = "must hold 1 to 5 Tesseract language codes")
        List<
                @NotNull(message = LANGUAGE_RULE)
                @Pattern(regexp = "[a-z]{3}(_[a-z]{2,8})?", message = LANGUAGE_RULE) String>
            languages,
    @JsonDeserialize(using = PagesText.class) @JsonSerialize(using = ToStringSerializer.class)
        PageSelection pages,
    @Min(value = ProcessingOptions.MIN_DPI, message = DPI_RULE)
        @Max(value = ProcessingOptions.MAX_DPI, message = DPI_RULE)
        Integer dpi,
    Preprocess preprocess,
    // Opens the document and is never written: not to the job, not to the cache key.
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Size(max = 512, message = "must be at most 512 characters")
        String password,
    @Size(min = 1, message = "must name at least one output")
        List<
                @NotNull(message = OUTPUT_RULE)
                @Pattern(regexp = "json|text|markdown|hocr|pdf", message = OUTPUT_RULE) String>
            outputs,
    // Where the job's own events go besides the tenant's subscribed endpoints. Left out of the
    // stored form when empty, so that options without it keep their form and cache key.
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Size(max = 10, message = "must name at most 10 webhook endpoints")
        List<
                @NotNull(message = WEBHOOK_RULE) @Pattern(regexp = UUID, message = WEBHOOK_RULE)
                String>
            webhooks,
    // Left out of the stored form when it is the default, so that options without it keep their
    // form and cache key; the manifest's options show it wherever another engine read the pages.
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultEngine.class)
        OcrEngineChoice ocrEngine) {

  static final String LANGUAGE_RULE = "must be a Tesseract language code such as eng or chi_sim";
  static final String DPI_RULE = "must be an integer from 72 to 600";
  static final String OUTPUT_RULE = "must be one of hocr, json, markdown, pdf, text";
  static final String WEBHOOK_RULE = "must be the id of one of your webhook endpoints (a UUID)";
  static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private static final ProcessingOptions DEFAULTS = ProcessingOptions.DEFAULTS;
  private static final List<String> DEFAULT_OUTPUTS = List.of("json");

  OptionsInput {
    ocr = ocr == null ? DEFAULTS.ocr() : ocr;
    languages =
        languages == null
            ? DEFAULTS.languages()
            : languages.stream()
                .flatMap(
                    code -> code == null ? Stream.of(code) : Arrays.stream(code.split("\\+", -1)))
                .toList();
    pages = pages == null ? DEFAULTS.pages() : pages;
    dpi = dpi == null ? DEFAULTS.dpi() : dpi;
    preprocess = preprocess == null ? new Preprocess(null, null, null) : preprocess;
    outputs =
        outputs == null
            ? DEFAULT_OUTPUTS
            : outputs.stream().map(output -> output == null ? null : lowerCase(output)).toList();
    webhooks =
        webhooks == null
            ? List.of()
            : webhooks.stream().map(id -> id == null ? null : lowerCase(id)).toList();
    ocrEngine = ocrEngine == null ? DEFAULTS.engine() : ocrEngine;
  }

  /**
   * The same options in the one form that equal options share: no language twice, outputs and
   * webhooks sorted and once each, no password.
   */
  OptionsInput canonical() {
    return new OptionsInput(
        ocr,
        List.copyOf(new LinkedHashSet<>(languages)),
        pages,
        dpi,
        preprocess,
        null,
        outputs.stream().distinct().sorted().toList(),
        webhooks.stream().distinct().sorted().toList(),
        ocrEngine);
  }

  /** What the grid processes with; only for options that passed validation. */
  ProcessingOptions processing() {
    return new ProcessingOptions(
            ocr,
            List.copyOf(new LinkedHashSet<>(languages)),
            pages,
            dpi,
            preprocess.steps(),
            password)
        .withEngine(ocrEngine);
  }

  /** Jackson's filter for {@code ocrEngine}: values it equals are not written. */
  static final class DefaultEngine {

    @Override
    public boolean equals(Object value) {
      return value == null || value == DEFAULTS.engine();
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The preprocessing steps that run before OCR; as for the options, null means the default. */
  record Preprocess(Boolean deskew, Boolean binarize, Boolean orientation) {

    private static final ProcessingOptions.Preprocess DEFAULTS =
        ProcessingOptions.Preprocess.DEFAULTS;

    Preprocess {
      deskew = deskew == null ? DEFAULTS.deskew() : deskew;
      binarize = binarize == null ? DEFAULTS.binarize() : binarize;
      orientation = orientation == null ? DEFAULTS.orientation() : orientation;
    }

    ProcessingOptions.Preprocess steps() {
      return new ProcessingOptions.Preprocess(deskew, binarize, orientation);
    }
  }

  /** Page ranges such as {@code "1-3,7,10-"}, read into the normalised selection. */
  static final class PagesText extends StdDeserializer<PageSelection> {

    private static final int MAX_LENGTH = 1000;

    PagesText() {
      super(PageSelection.class);
    }

    @Override
    public PageSelection deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = context.readValue(parser, String.class);
      if (text.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
      }
      // Its messages are written for clients; the codec reports them as they are.
      return PageSelection.parse(text);
    }
  }

  private static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
