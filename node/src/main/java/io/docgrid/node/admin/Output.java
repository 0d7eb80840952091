package io.docgrid.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Function;

/** How a command prints what the server answered: as text for people, or its JSON as it came. */
enum Output {
  TABLE,
  JSON;

  void print(PrintWriter out, ApiClient.Answer answer, Function<JsonNode, String> asText) {
    out.println(this == JSON ? answer.body().strip() : asText.apply(answer.json()));
    out.flush();
  }
}
