package io.docgrid.api.jobs;

import io.docgrid.tasks.document.ProcessingOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A job's {@code options} as sent, once {@link JobOptions} has read their JSON shapes; the rules
 * for their values are these Jakarta Bean Validation constraints. Null means "not given".
 */
record OptionsInput(
    @Pattern(regexp = "(?i)auto|force|off", message = "must be one of auto, force, off") String ocr,
    @Size(min = 1, max = 5, message = "must hold 1 to 5 Tesseract language codes")
        List<
                @Pattern(
                    regexp = "[a-z]{3}(_[a-z]{2,8})?",
                    message = "must be a Tesseract language code such as eng or chi_sim")
                String>
            languages,
    @Size(max = 1000, message = "must be at most 1000 characters") String pages,
    @Min(value = ProcessingOptions.MIN_DPI, message = DPI_RULE)
        @Max(value = ProcessingOptions.MAX_DPI, message = DPI_RULE)
        Integer dpi,
    @Size(max = 512, message = "must be at most 512 characters") String password,
    @Size(min = 1, message = "must name at least one output")
        List<
                @Pattern(
                    regexp = "json|text|markdown|hocr|pdf",
                    message = "must be one of hocr, json, markdown, pdf, text")
                String>
            outputs) {

  static final String DPI_RULE = "must be an integer from 72 to 600";
}
