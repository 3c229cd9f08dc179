package ai.omniflow.verticals;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command {@code scripts/validate-pack FILE...}: checks each pack file against the schema and
 * the loader's rules, prints each problem as {@code file:line: path: message}, and exits with 1 if
 * any file has a problem (2 if a file cannot be read or no file is given), else 0.
 */
public final class ValidatePack {
  private ValidatePack() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns its exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: validate-pack FILE...");
      err.println("checks vertical pack files (YAML or JSON); see docs/verticals.md");
      return 2;
    }
    int problems = 0;
    int bad = 0;
    boolean unreadable = false;
    for (String arg : args) {
      byte[] content;
      try {
        content = Files.readAllBytes(Path.of(arg));
      } catch (IOException | RuntimeException e) {
        err.println(arg + ": cannot be read: " + e.getMessage());
        unreadable = true;
        continue;
      }
      List<PackFileProblem> found = PackFileValidator.validate(arg, content);
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
}
