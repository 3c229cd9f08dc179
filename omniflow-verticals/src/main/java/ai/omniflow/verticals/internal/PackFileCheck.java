package ai.omniflow.verticals.internal;

import ai.omniflow.fields.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one pack file against the schema and the loader's rules, and places each problem on a
 * line. Stateless.
 */
public final class PackFileCheck {
  private static final Pattern AT_LINE = Pattern.compile("at line (\\d{1,9})");

  private PackFileCheck() {}

  /** One problem: its line (from 1), its path, its message, and whether the schema found it. */
  public record Found(int line, String path, String message, boolean bySchema) {}

  /**
   * The loader's problems and the schema's, ordered by line. Where both find a value wrong, the
   * loader's message is kept (it says more, in the words of docs/verticals.md) and the schema's is
   * left out, so a wrong value is reported once: a schema problem is shown only if the loader found
   * nothing at its path or inside it (the loader names a repeated keyword at the repeat, the schema
   * at the list).
   */
  public static List<Found> check(PackFile file) {
    return check(file, List.of());
  }

  /**
   * As {@link #check(PackFile)}; an override file is merged over its base, one of {@code bases},
   * and the merged pack checked, each problem at its path and line in the override file.
   */
  public static List<Found> check(PackFile file, List<LoadedPack> bases) {
    Map<String, Integer> lines = new HashMap<>();
    JsonNode tree =
        YamlTree.read(file.content(), new Problems(file.name(), new ArrayList<>()), lines);
    List<Problem> code = new ArrayList<>();
    List<Problem> schema = new ArrayList<>();
    if (tree != null && PackOverlay.isOverride(tree)) {
      Problems sink = new Problems(file.name(), new ArrayList<>(), code);
      Map<String, LoadedPack> bySlug = new LinkedHashMap<>();
      bases.forEach(b -> bySlug.putIfAbsent(b.pack().slug(), b));
      LoadedPack base = PackOverlay.findBase((ObjectNode) tree, bySlug, sink);
      PackOverlay overlay = base == null ? null : PackOverlay.merge((ObjectNode) tree, base, sink);
      if (overlay != null) {
        List<Problem> merged = new ArrayList<>();
        PackReader.read(overlay.tree(), new Problems(file.name(), new ArrayList<>(), merged));
        merged.forEach(p -> code.add(overlay.translate(p)));
        PackSchema.problems(overlay.tree()).forEach(p -> schema.add(overlay.translate(p)));
      }
    } else {
      code.addAll(PackReader.problems(file));
      if (tree != null) {
        schema.addAll(PackSchema.problems(tree));
      }
    }
    List<Found> found = new ArrayList<>();
    Set<String> codePaths = new HashSet<>();
    for (Problem p : code) {
      codePaths.add(p.path());
      found.add(new Found(line(p, lines), p.path(), p.message(), false));
    }
    for (Problem p : schema) {
      if (codePaths.stream().noneMatch(c -> c.equals(p.path()) || c.startsWith(p.path() + "/"))) {
        found.add(new Found(line(p, lines), p.path(), p.message(), true));
      }
    }
    found.sort(Comparator.comparingInt(Found::line));
    return List.copyOf(found);
  }

  /**
   * The schema's problems alone, ordered by line; none if the file is not a YAML document (the
   * loader says why).
   */
  public static List<Found> schemaOnly(PackFile file) {
    Map<String, Integer> lines = new HashMap<>();
    JsonNode tree =
        YamlTree.read(file.content(), new Problems(file.name(), new ArrayList<>()), lines);
    if (tree == null) {
      return List.of();
    }
    List<Found> found = new ArrayList<>();
    for (Problem p : PackSchema.problems(tree)) {
      found.add(new Found(line(p, lines), p.path(), p.message(), true));
    }
    found.sort(Comparator.comparingInt(Found::line));
    return List.copyOf(found);
  }

  /**
   * The line of the problem's value, or of the nearest mapping or list that holds it (a missing key
   * is at its mapping); for the file as a whole, the line its message names, else 1.
   */
  static int line(Problem problem, Map<String, Integer> lines) {
    String path = problem.path();
    if (path.isEmpty()) {
      Matcher m = AT_LINE.matcher(problem.message());
      return m.find() ? Integer.parseInt(m.group(1)) : lines.getOrDefault("", 1);
    }
    while (!path.isEmpty()) {
      Integer line = lines.get(path);
      if (line != null) {
        return line;
      }
      path = path.substring(0, path.lastIndexOf('/'));
    }
    return lines.getOrDefault("", 1);
  }
}
