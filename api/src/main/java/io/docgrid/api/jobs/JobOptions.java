package io.docgrid.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.FieldViolation;
import io.docgrid.api.validation.RequestValidator;
import io.docgrid.sql.model.Job;
import io.docgrid.tasks.document.ProcessingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one codec of a job's {@code options} ({@link OptionsInput}): reads what a client sends
 * strictly, reporting every problem at once; writes the canonical form the job stores, whose string
 * is part of the result-cache key; and reads that form back, failing the job visibly when it
 * cannot.
 */
public final class JobOptions {

  /**
   * The layout of the canonical form. Options stored before the form carried a version have the
   * layout of version 1.
   */
  private static final int CANONICAL_VERSION = 1;

  private static final String VERSION_FIELD = "version";
  private static final String PREFIX = "options.";

  /** What {@link #parse} returns: the options to process with, and what to store. */
  record Parsed(ProcessingOptions options, String canonical) {}

  /** Options as read, with every problem found in them. */
  private record Read(OptionsInput options, List<FieldViolation> problems) {}

  private final ObjectMapper json;
  private final RequestValidator validator;

  public JobOptions(RequestValidator validator) {
    this.json = strictMapper();
    this.validator = validator;
  }

  private static ObjectMapper strictMapper() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // No guessing: "300" is not a number, 3.5 is not an integer, 1 is not an OCR mode.
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
        // Sorted keys at every level: equal options are equal strings, hence equal cache keys.
        .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
        .build();
  }

  /** The options a client sent (none, blank or a JSON object), or 400 naming every problem. */
  Parsed parse(String offered) {
    Read read = read(requestObject(offered));
    if (!read.problems().isEmpty()) {
      List<FieldViolation> problems = read.problems();
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED,
          "The options are invalid: "
              + problems.get(0).field()
              + " "
              + problems.get(0).message()
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "."),
          problems);
    }
    return new Parsed(read.options().processing(), canonical(read.options()));
  }

  /**
   * The options {@code job} was stored with. The password is never stored, so a job that needed one
   * and was interrupted by a restart fails as encrypted and must be submitted again.
   *
   * @throws ApiException {@link ErrorCode#OPTIONS_UNREADABLE} when the stored form cannot be read:
   *     running with other options than the ones asked for would give a wrong result, and cache it
   *     under a wrong key
   */
  public ProcessingOptions storedOptionsOf(Job job) {
    return readStored(job.options());
  }

  /** Options stored in canonical form, read back; see {@link #storedOptionsOf}. */
  ProcessingOptions readStored(String canonical) {
    JsonNode stored;
    try {
      stored = json.readTree(canonical);
    } catch (JsonProcessingException e) {
      throw unreadable("they are not JSON");
    }
    if (stored == null || !stored.isObject()) {
      throw unreadable("they are not a JSON object");
    }
    ObjectNode fields = (ObjectNode) stored;
    JsonNode version = fields.remove(VERSION_FIELD);
    if (version != null && !(version.isInt() && version.intValue() == CANONICAL_VERSION)) {
      throw unreadable("their layout, version " + version + ", is not one this node reads");
    }
    Read read = read(fields);
    if (!read.problems().isEmpty()) {
      FieldViolation first = read.problems().get(0);
      throw unreadable(first.field() + " " + first.message());
    }
    return read.options().processing();
  }

  /**
   * The webhook endpoints {@code job} names for its own events ({@code options.webhooks}); none
   * when its stored options cannot be read.
   */
  public List<UUID> webhooksOf(Job job) {
    return webhooksIn(job.options());
  }

  List<UUID> webhooksIn(String canonical) {
    try {
      JsonNode named = json.readTree(canonical).path("webhooks");
      List<UUID> ids = new ArrayList<>();
      named.forEach(id -> ids.add(UUID.fromString(id.asText())));
      return ids;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return List.of();
    }
  }

  /**
   * Stored options as a client sends them, as the result's manifest shows them: the canonical form
   * without its version, so that they can be sent again as they are.
   */
  public static JsonNode asSent(String canonical, ObjectMapper json) {
    try {
      JsonNode stored = json.readTree(canonical);
      if (stored instanceof ObjectNode fields) {
        fields.remove(VERSION_FIELD);
      }
      return stored;
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(canonical);
    }
  }

  /** The names of the options a client may send. */
  Set<String> names() {
    return json
        .getDeserializationConfig()
        .introspect(json.constructType(OptionsInput.class))
        .findProperties()
        .stream()
        .map(BeanPropertyDefinition::getName)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static ApiException unreadable(String why) {
    return new ApiException(
        ErrorCode.OPTIONS_UNREADABLE,
        "The options stored with this job cannot be read ("
            + why
            + "); submit the document again.");
  }

  private String canonical(OptionsInput options) {
    ObjectNode canonical = json.valueToTree(options.canonical());
    canonical.put(VERSION_FIELD, CANONICAL_VERSION);
    try {
      return json.writeValueAsString(canonical);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /**
   * Maps {@code sent} onto the record and validates it. Jackson stops at the first problem, so each
   * problem is noted, the value that caused it taken out, and the rest mapped again: one bad field
   * hides no other, and what maps is still checked by the validation rules. One problem per field.
   */
  private Read read(ObjectNode sent) {
    ObjectNode remaining = sent.deepCopy();
    List<FieldViolation> problems = new ArrayList<>();
    while (true) {
      try {
        OptionsInput options = json.treeToValue(remaining, OptionsInput.class);
        Set<String> reported =
            problems.stream().map(FieldViolation::field).collect(Collectors.toSet());
        validator.violations(options, PREFIX).stream()
            .filter(violation -> !reported.contains(violation.field()))
            .forEach(problems::add);
        return new Read(options, problems);
      } catch (JsonMappingException e) {
        Optional<Place> place = Place.deepestOf(remaining, e.getPath());
        if (place.isEmpty()) {
          problems.add(new FieldViolation("options", "must be a JSON object"));
          return new Read(null, problems);
        }
        problems.add(new FieldViolation(PREFIX + place.get().field(), ruleBrokenBy(e)));
        place.get().takeOut();
      } catch (JsonProcessingException e) {
        problems.add(new FieldViolation("options", "cannot be read"));
        return new Read(null, problems);
      }
    }
  }

  /** What the value Jackson refused should have been. */
  private static String ruleBrokenBy(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not an option; known: " + sorted(unknown.getKnownPropertyIds());
    }
    if (e.getCause() instanceof IllegalArgumentException refused) {
      return refused.getMessage(); // our own parsers' messages, written for clients
    }
    Class<?> target =
        e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
            ? mismatch.getTargetType()
            : Object.class;
    if (target.isEnum()) {
      return "must be one of "
          + Arrays.stream(target.getEnumConstants())
              .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
              .sorted()
              .collect(Collectors.joining(", "));
    }
    if (target == String.class) {
      return "must be a string";
    }
    if (target == Integer.class || target == int.class) {
      return "must be an integer";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "must be true or false";
    }
    if (Collection.class.isAssignableFrom(target)) {
      return "must be a list";
    }
    if (target.isRecord()) {
      return "must be an object";
    }
    return "has the wrong type";
  }

  /**
   * Where a refused value sits: the deepest part of Jackson's path that is in the tree (a single
   * value read as a list has a path one step deeper than the tree).
   */
  private record Place(JsonNode container, JsonMappingException.Reference step, String field) {

    static Optional<Place> deepestOf(JsonNode root, List<JsonMappingException.Reference> path) {
      Place place = null;
      JsonNode node = root;
      StringBuilder field = new StringBuilder();
      for (JsonMappingException.Reference step : path) {
        JsonNode child =
            step.getFieldName() != null ? node.get(step.getFieldName()) : node.get(step.getIndex());
        if (child == null) {
          break;
        }
        if (step.getFieldName() != null) {
          field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
        } else {
          field.append('[').append(step.getIndex()).append(']');
        }
        place = new Place(node, step, field.toString());
        node = child;
      }
      return Optional.ofNullable(place);
    }

    /** Removes a field; blanks a list element, so that the elements after it keep their index. */
    void takeOut() {
      if (container instanceof ObjectNode object) {
        object.remove(step.getFieldName());
      } else {
        ArrayNode list = (ArrayNode) container;
        if (list.get(step.getIndex()).isNull()) {
          list.remove(step.getIndex()); // null itself is refused there: no way to keep the place
        } else {
          list.set(step.getIndex(), NullNode.getInstance());
        }
      }
    }
  }

  private ObjectNode requestObject(String offered) {
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

  private static String sorted(Collection<Object> values) {
    return values.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }
}
