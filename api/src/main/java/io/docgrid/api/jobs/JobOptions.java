package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.FieldViolation;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.document.PageSelection;
import io.docgrid.tasks.document.ProcessingOptions;
import io.docgrid.tasks.document.ProcessingOptions.OcrMode;
import io.docgrid.tasks.document.ProcessingOptions.Preprocess;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code options} of a job: their JSON shapes read here (unknown fields, wrong types, the
 * alternative forms such as {@code "eng+deu"}), their values checked by the Bean Validation rules
 * of {@link OptionsInput}, every violation reported at once; then written back in canonical form,
 * with defaults filled in and keys sorted, so that equal options are equal strings. The canonical
 * form never contains the password.
 */
public final class JobOptions {

  private static final Logger log = LoggerFactory.getLogger(JobOptions.class);

  /** What {@link #parse} returns: the options to process with, and what to store. */
  record Parsed(ProcessingOptions options, String canonical) {}

  private static final String PREFIX = "options.";
  private static final Set<String> FIELDS =
      Set.of("ocr", "languages", "pages", "dpi", "preprocess", "password", "outputs");
  private static final Set<String> PREPROCESS_FIELDS = Set.of("deskew", "binarize", "orientation");

  private final ObjectMapper json;
  private final RequestValidator validator;

  public JobOptions(ObjectMapper json, RequestValidator validator) {
    this.json = json;
    this.validator = validator;
  }

  Parsed parse(String offered) {
    ObjectNode input = readObject(offered);
    List<FieldViolation> violations = new ArrayList<>();
    for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        violations.add(
            new FieldViolation(PREFIX + name, "is not an option; known: " + sorted(FIELDS)));
      }
    }
    OptionsInput given =
        new OptionsInput(
            text(input, "ocr", "must be one of auto, force, off", violations),
            languages(input.get("languages"), violations),
            text(input, "pages", "must be a string such as \"1-3,7,10-\"", violations),
            dpi(input.get("dpi"), violations),
            text(input, "password", "must be a string", violations),
            outputs(input.get("outputs"), violations));
    Preprocess preprocess = preprocess(input.get("preprocess"), violations);
    violations.addAll(validator.violations(given, PREFIX));
    PageSelection pages = pages(given.pages(), violations);
    if (!violations.isEmpty()) {
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED,
          "The options are invalid: "
              + violations.get(0).field()
              + " "
              + violations.get(0).message()
              + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "."),
          violations);
    }
    var options =
        new ProcessingOptions(
            given.ocr() == null
                ? OcrMode.AUTO
                : OcrMode.valueOf(given.ocr().toUpperCase(Locale.ROOT)),
            given.languages() == null
                ? List.of("eng")
                : List.copyOf(new LinkedHashSet<>(given.languages())),
            pages,
            given.dpi() == null ? ProcessingOptions.DEFAULT_DPI : given.dpi(),
            preprocess,
            given.password());
    List<String> outputs =
        given.outputs() == null
            ? List.of("json")
            : given.outputs().stream().distinct().sorted().toList();
    return new Parsed(options, canonical(options, outputs));
  }

  /** Reads options stored in canonical form back (they were valid when stored). */
  ProcessingOptions readStored(String canonical) {
    return parse(canonical).options();
  }

  /**
   * The options {@code job} was stored with. The password is never stored, so a job that needed one
   * and was interrupted by a restart fails as encrypted and must be submitted again.
   */
  public ProcessingOptions storedOptionsOf(Job job) {
    try {
      return readStored(job.options());
    } catch (ApiException e) {
      log.warn("job {} has unreadable stored options; using the defaults", job.id());
      return ProcessingOptions.DEFAULTS;
    }
  }

  private String canonical(ProcessingOptions options, List<String> outputs) {
    ObjectNode root = json.createObjectNode();
    // Alphabetical keys at every level: the string is the cache key of later issues.
    root.put("dpi", options.dpi());
    ArrayNode languages = root.putArray("languages");
    options.languages().forEach(languages::add);
    root.put("ocr", options.ocr().name().toLowerCase(Locale.ROOT));
    ArrayNode outputList = root.putArray("outputs");
    outputs.forEach(outputList::add);
    root.put("pages", options.pages().toString());
    ObjectNode preprocess = root.putObject("preprocess");
    preprocess.put("binarize", options.preprocess().binarize());
    preprocess.put("deskew", options.preprocess().deskew());
    preprocess.put("orientation", options.preprocess().orientation());
    try {
      return json.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  private ObjectNode readObject(String offered) {
    if (offered == null || offered.isBlank()) {
      return json.createObjectNode();
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(offered);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "The 'options' part is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ").");
    }
    if (parsed == null || !parsed.isObject()) {
      throw ApiException.invalidField("options", "must be a JSON object");
    }
    return (ObjectNode) parsed;
  }

  /** A string field, or null when absent; any other JSON type is a violation. */
  private static String text(
      ObjectNode input, String field, String rule, List<FieldViolation> violations) {
    JsonNode node = input.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      violations.add(new FieldViolation(PREFIX + field, rule));
      return null;
    }
    return node.asText();
  }

  /** Languages as a list or as Tesseract's {@code "eng+deu"}. */
  private static List<String> languages(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return List.of(node.asText().split("\\+", -1));
    }
    if (node.isArray() && allTextual(node)) {
      List<String> languages = new ArrayList<>();
      node.forEach(element -> languages.add(element.asText()));
      return languages;
    }
    violations.add(
        new FieldViolation(
            PREFIX + "languages", "must be a list of language codes such as [\"eng\", \"deu\"]"));
    return null;
  }

  private static Integer dpi(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.asInt();
    }
    violations.add(new FieldViolation(PREFIX + "dpi", OptionsInput.DPI_RULE));
    return null;
  }

  private static List<String> outputs(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray() && allTextual(node)) {
      List<String> outputs = new ArrayList<>();
      node.forEach(element -> outputs.add(element.asText().toLowerCase(Locale.ROOT)));
      return outputs;
    }
    violations.add(
        new FieldViolation(
            PREFIX + "outputs", "must be a list drawn from hocr, json, markdown, pdf, text"));
    return null;
  }

  private static PageSelection pages(String pages, List<FieldViolation> violations) {
    if (pages == null) {
      return PageSelection.ALL;
    }
    try {
      return PageSelection.parse(pages);
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(PREFIX + "pages", e.getMessage()));
      return PageSelection.ALL;
    }
  }

  private static Preprocess preprocess(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return Preprocess.DEFAULTS;
    }
    if (!node.isObject()) {
      violations.add(
          new FieldViolation(
              PREFIX + "preprocess",
              "must be an object with booleans deskew, binarize, orientation"));
      return Preprocess.DEFAULTS;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!PREPROCESS_FIELDS.contains(field.getKey())) {
        violations.add(
            new FieldViolation(
                PREFIX + "preprocess." + field.getKey(),
                "is not a preprocessing step; known: " + sorted(PREPROCESS_FIELDS)));
      } else if (!field.getValue().isBoolean()) {
        violations.add(
            new FieldViolation(PREFIX + "preprocess." + field.getKey(), "must be true or false"));
      }
    }
    return new Preprocess(
        flag(node, "deskew", Preprocess.DEFAULTS.deskew()),
        flag(node, "binarize", Preprocess.DEFAULTS.binarize()),
        flag(node, "orientation", Preprocess.DEFAULTS.orientation()));
  }

  private static boolean flag(JsonNode node, String name, boolean fallback) {
    JsonNode value = node.get(name);
    return value != null && value.isBoolean() ? value.asBoolean() : fallback;
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }
}
