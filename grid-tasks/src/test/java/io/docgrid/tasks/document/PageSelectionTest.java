package io.docgrid.tasks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageSelectionTest {

  @Test
  void ranges_single_pages_and_open_ranges_select_pages_in_order() {
    PageSelection selection = PageSelection.parse("10-,1-3,7");
    assertThat(selection.pagesOf(12)).containsExactly(1, 2, 3, 7, 10, 11, 12);
    assertThat(selection.toString()).isEqualTo("1-3,7,10-");
  }

  @Test
  void pages_beyond_the_document_are_ignored() {
    assertThat(PageSelection.parse("2,5-9").pagesOf(3)).containsExactly(2);
    assertThat(PageSelection.parse("50-").pagesOf(3)).isEmpty();
  }

  @Test
  void overlapping_and_adjacent_ranges_merge() {
    assertThat(PageSelection.parse("1-4,3-6,7").toString()).isEqualTo("1-7");
    assertThat(PageSelection.parse(" 2 , 2 ").toString()).isEqualTo("2");
  }

  @Test
  void empty_means_every_page() {
    assertThat(PageSelection.parse(null).selectsAll()).isTrue();
    assertThat(PageSelection.parse("").pagesOf(3)).containsExactly(1, 2, 3);
  }

  @Test
  void nonsense_is_rejected_with_a_message_for_the_client() {
    for (String bad : new String[] {"0", "3-1", "a-b", "1,,2", "-5", "1-2-3", "99999999"}) {
      assertThatThrownBy(() -> PageSelection.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"");
    }
  }
}
