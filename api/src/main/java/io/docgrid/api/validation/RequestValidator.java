package io.docgrid.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import io.docgrid.api.error.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks request bodies and parameter objects against their Jakarta Bean Validation constraints.
 * Every broken rule is reported at once, as 400 VALIDATION_FAILED with one entry per field.
 */
public final class RequestValidator implements AutoCloseable {

  private final ValidatorFactory factory;
  private final Validator validator;
  private final ObjectMapper strictJson;

  public RequestValidator(ObjectMapper json) {
    // Messages only substitute annotation parameters: no expression language on client input.
    this.factory =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    this.validator = factory.getValidator();
    this.strictJson = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The value, if it breaks no constraint. */
  public <T> T valid(T value) {
    List<FieldViolation> fields = violations(value, "");
    if (fields.isEmpty()) {
      return value;
    }
    String summary =
        fields.stream()
            .map(field -> "'" + field.field() + "' " + field.message())
            .collect(Collectors.joining("; "));
    throw new ApiException(
        ErrorCode.VALIDATION_FAILED, "Invalid request: " + summary + ".", fields);
  }

  /** Every constraint the value breaks, by field (named with {@code prefix} in front). */
  public <T> List<FieldViolation> violations(T value, String prefix) {
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    return violations.stream()
        .map(v -> new FieldViolation(prefix + fieldOf(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldViolation::field))
        .toList();
  }

  /** The path as clients write it: {@code scopes[0]}, not Hibernate's {@code <list element>}. */
  private static String fieldOf(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString().replace(".<list element>", "");
  }

  /** A JSON body read into {@code type} (unknown fields refused) and validated. */
  public <T> T body(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "The request needs a JSON body.");
    }
    T value;
    try {
      value = strictJson.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.invalidField(shortened(e.getPropertyName()), "is not a known field");
    } catch (InvalidFormatException e) {
      throw ApiException.invalidField(path(e), "has the wrong type or format");
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) {
        throw new ApiException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object.");
      }
      throw ApiException.invalidField(field, "has the wrong type");
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "The body is not valid JSON.");
    }
    if (value == null) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object.");
    }
    return valid(value);
  }

  private static String path(MismatchedInputException e) {
    return shortened(
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining(".")));
  }

  /** Field names come from the client: echo at most a short, printable part of them. */
  private static String shortened(String field) {
    String printable = field == null ? "" : field.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }

  @Override
  public void close() {
    factory.close();
  }
}
