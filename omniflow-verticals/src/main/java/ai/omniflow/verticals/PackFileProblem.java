package ai.omniflow.verticals;

import java.util.Objects;

/**
 * One problem of a pack file, as {@link PackFileValidator} reports it.
 *
 * @param file the file's name, as given
 * @param line the line (from 1) of the value the problem is about, or of the mapping that lacks a
 *     required key
 * @param path where in the file, like a JSON Pointer ({@code /intents/2/key}; {@code /} for the
 *     file as a whole)
 * @param message what is wrong
 * @param check which check found it
 */
public record PackFileProblem(String file, int line, String path, String message, Check check) {
  /** Which check found a problem. */
  public enum Check {
    /** The pack format's JSON Schema. */
    SCHEMA,
    /** The loader's rules in code (PackReader and core's PackValidator). */
    CODE
  }

  public PackFileProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(check, "check");
  }

  /** {@code file:line: path: message}, as compilers print problems. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + path + ": " + message;
  }
}
