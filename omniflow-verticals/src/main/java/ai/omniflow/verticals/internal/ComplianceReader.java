package ai.omniflow.verticals.internal;

import static ai.omniflow.verticals.internal.PackValues.orderedSet;

import ai.omniflow.guardrails.ComplianceKeywords;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.verticals.internal.PackValues.Words;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack file's {@code compliance} section: the keywords that stop, restart or ask for help
 * with messaging. Not thread-safe; one per file.
 */
final class ComplianceReader {
  static final Set<String> COMPLIANCE_KEYS = orderedSet("keywords");
  static final Set<String> KEYWORD_KEYS = orderedSet("stop", "stop_all", "start", "help");

  private final Problems problems;
  private final PackValues values;

  ComplianceReader(PackValues values) {
    this.problems = values.problems();
    this.values = values;
  }

  /**
   * The optional {@code compliance} section: {@code keywords} with lists {@code stop}, {@code
   * stop_all}, {@code start} and {@code help}, each keyword in one list only (compared as the
   * guardrails compare them: case, spacing, punctuation and accents ignored). Reports problems and
   * returns null when there are any.
   */
  VerticalPack.@Nullable Compliance read(JsonNode node) {
    ObjectNode section = values.mapping(node, "/compliance");
    if (section == null) {
      return null;
    }
    int before = problems.count();
    values.knownKeys(section, "/compliance", COMPLIANCE_KEYS);
    JsonNode keywordsNode = section.get("keywords");
    if (keywordsNode == null) {
      problems.add("/compliance", "needs keywords");
      return null;
    }
    ObjectNode keywords = values.mapping(keywordsNode, "/compliance/keywords");
    if (keywords == null) {
      return null;
    }
    values.knownKeys(keywords, "/compliance/keywords", KEYWORD_KEYS);
    String path = "/compliance/keywords";
    List<String> stop = values.strings(keywords, path, "stop", Words.ANY);
    List<String> stopAll = values.strings(keywords, path, "stop_all", Words.ANY);
    List<String> start = values.strings(keywords, path, "start", Words.ANY);
    List<String> help = values.strings(keywords, path, "help", Words.ANY);
    if (problems.count() != before
        || stop == null
        || stopAll == null
        || start == null
        || help == null) {
      return null;
    }
    VerticalPack.Compliance compliance;
    try {
      compliance = new VerticalPack.Compliance(stop, stopAll, start, help);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
    for (String conflict : ComplianceKeywords.conflicts(compliance)) {
      problems.add(path, "'" + conflict + "' is a keyword of two actions; keep it in one list");
    }
    return problems.count() == before ? compliance : null;
  }
}
