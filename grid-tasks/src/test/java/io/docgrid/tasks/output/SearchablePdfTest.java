package io.docgrid.tasks.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Point2D;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchablePdfTest {

  private static OcrLayer layer(int rotation, double skew) {
    return new OcrLayer(1, 300, rotation, skew, List.of());
  }

  @Test
  void an_upright_straight_page_maps_points_to_themselves() {
    Point2D.Double p = SearchablePdf.toOriginal(10, 20, layer(0, 0), 100, 50);
    assertThat(p.x).isEqualTo(10);
    assertThat(p.y).isEqualTo(20);
  }

  @Test
  void quarter_turns_map_the_corners_of_the_upright_page_back() {
    // The original is 100 wide and 50 high; turned clockwise by 90 it is 50 wide and 100 high,
    // and its top-left corner is the original's bottom-left.
    Point2D.Double topLeft = SearchablePdf.toOriginal(0, 0, layer(90, 0), 100, 50);
    assertThat(topLeft.x).isEqualTo(0);
    assertThat(topLeft.y).isEqualTo(50);

    Point2D.Double half = SearchablePdf.toOriginal(0, 0, layer(180, 0), 100, 50);
    assertThat(half.x).isEqualTo(100);
    assertThat(half.y).isEqualTo(50);

    Point2D.Double threeQuarters = SearchablePdf.toOriginal(0, 0, layer(270, 0), 100, 50);
    assertThat(threeQuarters.x).isEqualTo(100);
    assertThat(threeQuarters.y).isEqualTo(0);
  }

  @Test
  void the_centre_stays_put_under_deskew_and_other_points_turn_about_it() {
    Point2D.Double centre = SearchablePdf.toOriginal(50, 25, layer(0, 4), 100, 50);
    assertThat(centre.x).isCloseTo(50, within(1e-9));
    assertThat(centre.y).isCloseTo(25, within(1e-9));

    // Positive skew: the page's lines rose to the right, so a point right of the centre on the
    // straightened image lies higher (smaller y) on the original.
    Point2D.Double right = SearchablePdf.toOriginal(90, 25, layer(0, 4), 100, 50);
    assertThat(right.y).isLessThan(25);
    assertThat(Math.hypot(right.x - 50, right.y - 25)).isCloseTo(40, within(1e-9));
  }
}
