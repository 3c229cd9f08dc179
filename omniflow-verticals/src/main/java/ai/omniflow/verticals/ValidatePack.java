package ai.omniflow.verticals;

import ai.omniflow.verticals.internal.LoadedPack;
import ai.omniflow.verticals.internal.PackFile;
import ai.omniflow.verticals.internal.PackLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command {@code scripts/validate-pack FILE...}: checks each pack file against the schema and
 * the loader's rules, prints each problem as {@code file:line: path: message}, and exits with 1 if
 * any file has a problem (2 if a file cannot be read or no file is given), else 0. With {@code
 * --diff OLD NEW} it prints what the pack file NEW changes from OLD instead ({@link PackDiff}), one
 * change a line, and exits with 0 (1 if either is not a valid pack, 2 if either cannot be read).
 */
public final class ValidatePack {
  private ValidatePack() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns its exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("--diff")) {
      return diff(args, out, err);
    }
    if (args.length == 0) {
      err.println("usage: validate-pack FILE...   or   validate-pack --diff OLD NEW");
      err.println("checks vertical pack files (YAML or JSON); see docs/verticals.md");
      return 2;
    }
    int problems = 0;
    int bad = 0;
    boolean unreadable = false;
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (String arg : args) {
      try {
        contents.put(arg, Files.readAllBytes(Path.of(arg)));
      } catch (IOException | RuntimeException e) {
        err.println(arg + ": cannot be read: " + e.getMessage());
        unreadable = true;
      }
    }
    // An override may build on a shipped pack or on a pack file given beside it.
    List<LoadedPack> bases = new ArrayList<>(ClasspathPackSource.shipped().loaded());
    for (Map.Entry<String, byte[]> e : contents.entrySet()) {
      bases.addAll(
          PackLoader.load(List.of(new PackFile(e.getKey(), e.getValue())), new ArrayList<>()));
    }
    for (Map.Entry<String, byte[]> e : contents.entrySet()) {
      List<PackFileProblem> found = PackFileValidator.validate(e.getKey(), e.getValue(), bases);
      found.forEach(out::println);
      problems += found.size();
      bad += found.isEmpty() ? 0 : 1;
    }
    if (problems > 0) {
      err.println(
          problems
              + (problems == 1 ? " problem" : " problems")
              + " in "
              + bad
              + " of "
              + args.length
              + (args.length == 1 ? " file" : " files"));
    }
    return unreadable ? 2 : problems > 0 ? 1 : 0;
  }

  /** {@code --diff OLD NEW}: what NEW changes from OLD. */
  private static int diff(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 3) {
      err.println("usage: validate-pack --diff OLD NEW");
      return 2;
    }
    byte[][] contents = new byte[2][];
    for (int i = 0; i < 2; i++) {
      try {
        contents[i] = Files.readAllBytes(Path.of(args[i + 1]));
      } catch (IOException | RuntimeException e) {
        err.println(args[i + 1] + ": cannot be read: " + e.getMessage());
        return 2;
      }
    }
    List<PackDiff.Change> changes;
    try {
      changes = PackDiff.between(args[1], contents[0], args[2], contents[1]);
    } catch (PackValidationException e) {
      e.problems().forEach(out::println);
      err.println("not compared: fix the problems first");
      return 1;
    }
    changes.forEach(out::println);
    err.println(
        changes.size()
            + (changes.size() == 1 ? " change" : " changes")
            + " from "
            + args[1]
            + " to "
            + args[2]);
    return 0;
  }
}
