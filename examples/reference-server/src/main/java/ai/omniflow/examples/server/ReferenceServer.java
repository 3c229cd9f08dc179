package ai.omniflow.examples.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The OmniFlow reference server: a Spring Boot host with a REST API over OmniFlow and, unless told
 * otherwise, its own embedded PostgreSQL.
 *
 * <pre>
 * java -jar reference-server.jar          # serve on :8080
 * java -jar reference-server.jar --demo   # serve, with a month of demo data in the dev org
 * java -jar reference-server.jar migrate  # migrate the database and exit
 * java -jar reference-server.jar seed     # migrate, seed the dev org and exit
 * java -jar reference-server.jar reseal-tokens  # re-encrypt connector tokens under the primary key
 * </pre>
 */
@SpringBootApplication
public class ReferenceServer {
  /** The property that tells the beans which command runs. */
  static final String COMMAND = "omniflow.command";

  /** What the process was started to do. */
  enum Command {
    SERVE,
    MIGRATE,
    SEED,
    RESEAL_TOKENS;

    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static void main(String[] args) {
    int exit = run(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** Our own message when one of ours is in the chain, else the innermost one. */
  static String explain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidSettingsException || t instanceof ServerDatabase.DatabaseException) {
        return t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return ServerDatabase.rootMessage(e);
  }

  /**
   * Runs the command the first argument names ({@code migrate}, {@code seed}, or none to serve).
   *
   * @return 0 when an operator command succeeded or the server started; non-zero on failure
   */
  // The context is held open only for the command's duration; nothing in the body needs it.
  @SuppressWarnings("try")
  static int run(String[] args) {
    Command command = Command.SERVE;
    String[] rest = args;
    if (args.length > 0 && !args[0].startsWith("-")) {
      switch (args[0].toLowerCase(Locale.ROOT)) {
        case "migrate" -> command = Command.MIGRATE;
        case "seed" -> command = Command.SEED;
        case "reseal-tokens" -> command = Command.RESEAL_TOKENS;
        case "serve" -> command = Command.SERVE;
        default -> {
          System.err.println(
              "Unknown command '"
                  + args[0]
                  + "'. Use: migrate, seed, reseal-tokens, or nothing to serve.");
          return 2;
        }
      }
      rest = Arrays.copyOfRange(args, 1, args.length);
    }
    // --demo is short for --omniflow.server.demo=true (DemoSeed).
    rest =
        Arrays.stream(rest)
            .map(a -> a.equals("--demo") ? "--omniflow.server.demo=true" : a)
            .toArray(String[]::new);
    SpringApplication app = new SpringApplication(ReferenceServer.class);
    app.setDefaultProperties(Map.of(COMMAND, command.name()));
    app.addListeners(new SettingsValidator());
    if (command == Command.SERVE) {
      try {
        app.run(rest);
        return 0;
      } catch (RuntimeException e) {
        return 1;
      }
    }
    app.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext ignored = app.run(rest)) {
      if (command != Command.RESEAL_TOKENS) {
        System.out.println(
            command == Command.MIGRATE
                ? "Migrated the database."
                : "Migrated the database and seeded the dev org.");
      }
      return 0;
    } catch (RuntimeException e) {
      System.err.println("reference-server " + command.wireName() + " failed: " + explain(e));
      return 1;
    }
  }
}
