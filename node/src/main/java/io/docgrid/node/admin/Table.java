package io.docgrid.node.admin;

import java.util.ArrayList;
import java.util.List;

/** Rows of text in left-aligned columns, two spaces apart, for people at a terminal. */
public final class Table {

  private final List<List<String>> rows = new ArrayList<>();

  /** A table whose first row is {@code headings}; none for a table without headings. */
  public Table(String... headings) {
    if (headings.length > 0) {
      rows.add(List.of(headings));
    }
  }

  public Table row(String... cells) {
    List<String> row = new ArrayList<>();
    for (String cell : cells) {
      row.add(OneLine.of(cell));
    }
    rows.add(row);
    return this;
  }

  /** The rows, one a line, without a line break after the last. */
  public String render() {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int column = 0; column < row.size(); column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.size(); column++) {
        if (column > 0) {
          line.append("  ");
        }
        line.append(row.get(column));
        if (column < row.size() - 1) {
          line.append(" ".repeat(widths[column] - row.get(column).length()));
        }
      }
      lines.add(line.toString());
    }
    return String.join(System.lineSeparator(), lines);
  }
}
