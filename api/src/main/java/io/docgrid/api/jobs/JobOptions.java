package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.FieldViolation;
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
import java.util.regex.Pattern;

/**
 * The {@code options} of a job: validated field by field (every violation reported at once) and
 * written back in canonical form, with defaults filled in and keys sorted, so that equal options
 * are equal strings. The canonical form never contains the password.
 */
final class JobOptions {

  /** What {@link #parse} returns: the options to process with, and what to store. */
  record Parsed(ProcessingOptions options, String canonical) {}

  static final Set<String> OUTPUTS = Set.of("json", "text", "markdown", "hocr", "pdf");
  private static final Set<String> FIELDS =
      Set.of("ocr", "languages", "pages", "dpi", "preprocess", "password", "outputs");
  private static final Set<String> PREPROCESS_FIELDS = Set.of("deskew", "binarize", "orientation");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{3}(_[a-z]{2,8})?");
  private static final int MAX_LANGUAGES = 5;
  private static final int MAX_PASSWORD_LENGTH = 512;

  private final ObjectMapper json;

  JobOptions(ObjectMapper json) {
    this.json = json;
  }

  Parsed parse(String offered) {
    ObjectNode input = readObject(offered);
    List<FieldViolation> violations = new ArrayList<>();
    for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        violations.add(
            new FieldViolation("options." + name, "is not an option; known: " + sorted(FIELDS)));
      }
    }
    OcrMode ocr = ocrMode(input.get("ocr"), violations);
    List<String> languages = languages(input.get("languages"), violations);
    PageSelection pages = pages(input.get("pages"), violations);
    int dpi = dpi(input.get("dpi"), violations);
    Preprocess preprocess = preprocess(input.get("preprocess"), violations);
    String password = password(input.get("password"), violations);
    List<String> outputs = outputs(input.get("outputs"), violations);
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
    var options = new ProcessingOptions(ocr, languages, pages, dpi, preprocess, password);
    return new Parsed(options, canonical(options, outputs));
  }

  /** Reads options stored in canonical form back (they were valid when stored). */
  ProcessingOptions readStored(String canonical) {
    return parse(canonical).options();
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

  private static OcrMode ocrMode(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return OcrMode.AUTO;
    }
    if (node.isTextual()) {
      for (OcrMode mode : OcrMode.values()) {
        if (mode.name().equalsIgnoreCase(node.asText())) {
          return mode;
        }
      }
    }
    violations.add(new FieldViolation("options.ocr", "must be one of auto, force, off"));
    return OcrMode.AUTO;
  }

  private static List<String> languages(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return List.of("eng");
    }
    List<String> languages = new ArrayList<>();
    if (node.isTextual()) {
      languages.addAll(List.of(node.asText().split("\\+", -1)));
    } else if (node.isArray()) {
      node.forEach(element -> languages.add(element.isTextual() ? element.asText() : "\u0000"));
    }
    boolean valid =
        !languages.isEmpty()
            && languages.size() <= MAX_LANGUAGES
            && languages.stream().allMatch(language -> LANGUAGE.matcher(language).matches());
    if (!valid) {
      violations.add(
          new FieldViolation(
              "options.languages",
              "must be 1 to "
                  + MAX_LANGUAGES
                  + " Tesseract language codes such as [\"eng\", \"deu\"]"));
      return List.of("eng");
    }
    return List.copyOf(new LinkedHashSet<>(languages));
  }

  private static PageSelection pages(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return PageSelection.ALL;
    }
    if (!node.isTextual()) {
      violations.add(new FieldViolation("options.pages", "must be a string such as \"1-3,7,10-\""));
      return PageSelection.ALL;
    }
    try {
      return PageSelection.parse(node.asText());
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation("options.pages", e.getMessage()));
      return PageSelection.ALL;
    }
  }

  private static int dpi(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return ProcessingOptions.DEFAULT_DPI;
    }
    if (node.canConvertToInt() && node.isIntegralNumber()) {
      int dpi = node.asInt();
      if (dpi >= ProcessingOptions.MIN_DPI && dpi <= ProcessingOptions.MAX_DPI) {
        return dpi;
      }
    }
    violations.add(
        new FieldViolation(
            "options.dpi",
            "must be an integer from "
                + ProcessingOptions.MIN_DPI
                + " to "
                + ProcessingOptions.MAX_DPI));
    return ProcessingOptions.DEFAULT_DPI;
  }

  private static Preprocess preprocess(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return Preprocess.DEFAULTS;
    }
    if (!node.isObject()) {
      violations.add(
          new FieldViolation(
              "options.preprocess",
              "must be an object with booleans deskew, binarize, orientation"));
      return Preprocess.DEFAULTS;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!PREPROCESS_FIELDS.contains(field.getKey())) {
        violations.add(
            new FieldViolation(
                "options.preprocess." + field.getKey(),
                "is not a preprocessing step; known: " + sorted(PREPROCESS_FIELDS)));
      } else if (!field.getValue().isBoolean()) {
        violations.add(
            new FieldViolation("options.preprocess." + field.getKey(), "must be true or false"));
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

  private static String password(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().length() > MAX_PASSWORD_LENGTH) {
      violations.add(
          new FieldViolation(
              "options.password",
              "must be a string of at most " + MAX_PASSWORD_LENGTH + " characters"));
      return null;
    }
    return node.asText();
  }

  private static List<String> outputs(JsonNode node, List<FieldViolation> violations) {
    if (node == null || node.isNull()) {
      return List.of("json");
    }
    List<String> outputs = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(element -> outputs.add(element.asText("").toLowerCase(Locale.ROOT)));
    }
    if (outputs.isEmpty() || !OUTPUTS.containsAll(outputs)) {
      violations.add(
          new FieldViolation("options.outputs", "must be a list drawn from " + sorted(OUTPUTS)));
      return List.of("json");
    }
    return outputs.stream().distinct().sorted().toList();
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }
}
