package ai.omniflow.examples.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** Runs a command while capturing what it prints to standard error. */
final class StandardError {
  record Result(int exit, String err) {}

  private StandardError() {}

  static synchronized Result capture(IntSupplier command) {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int exit = command.getAsInt();
      return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
