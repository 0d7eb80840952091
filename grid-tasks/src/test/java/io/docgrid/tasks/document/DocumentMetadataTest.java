package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class DocumentMetadataTest {

  @Test
  void values_are_trimmed_and_blank_ones_dropped() {
    DocumentMetadata metadata =
        new DocumentMetadata().put("title", "  Annual report \n").put("author", "   ");

    assertThat(metadata.toMap()).containsExactly(java.util.Map.entry("title", "Annual report"));
  }

  @Test
  void long_values_are_cut_at_a_thousand_chars() {
    DocumentMetadata metadata = new DocumentMetadata().put("title", "x".repeat(5_000));

    assertThat(metadata.toMap().get("title")).hasSize(1_000);
  }

  @Test
  void a_cut_never_splits_a_surrogate_pair() {
    String text = "x".repeat(999) + "😀" + "tail";

    String cut = new DocumentMetadata().put("title", text).toMap().get("title");

    assertThat(cut).isEqualTo("x".repeat(999));
  }

  @Test
  void the_first_value_given_for_a_key_wins() {
    DocumentMetadata metadata =
        new DocumentMetadata().put("creator", "Writer").put("creator", "LibreOffice");

    assertThat(metadata.toMap()).containsEntry("creator", "Writer");
  }

  @Test
  void dates_are_written_as_iso_8601_instants() {
    Calendar created = new GregorianCalendar(TimeZone.getTimeZone("Europe/Berlin"));
    created.clear();
    created.set(2024, Calendar.MARCH, 1, 12, 30, 0);

    DocumentMetadata metadata = new DocumentMetadata().put("created", created);

    assertThat(metadata.toMap()).containsEntry("created", "2024-03-01T11:30:00Z");
  }
}
