package ai.omniflow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.attribution.AttributionErrors;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.ConnectorEvents;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.ContactEvents;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.inbox.InboxEvents;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.pack.PackErrors;
import ai.omniflow.pack.PackEvents;
import ai.omniflow.routing.RoutingErrors;
import ai.omniflow.routing.RoutingEvents;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.sla.SlaEvents;
import ai.omniflow.store.StoreErrors;
import ai.omniflow.tenancy.TenancyErrors;
import ai.omniflow.tenancy.TenancyEvents;
import ai.omniflow.vault.VaultErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every error code and event type core puts on the wire is a constant of a {@code *Errors} or
 * {@code *Events} class (decision 0038), and every such constant is documented in {@code docs/}.
 */
class WireNamesDocumentedTest {
  /** The constants classes; a new one must be added here (the second test says so). */
  private static final List<Class<?>> CLASSES =
      List.of(
          CommonErrors.class,
          AttributionErrors.class,
          ai.omniflow.attribution.AttributionEvents.class,
          ConnectorErrors.class,
          ConnectorEvents.class,
          ContactErrors.class,
          ContactEvents.class,
          ai.omniflow.guardrails.GuardrailErrors.class,
          InboxErrors.class,
          InboxEvents.class,
          LeadErrors.class,
          LeadEvents.class,
          NurtureErrors.class,
          ai.omniflow.nurture.NurtureEvents.class,
          PackErrors.class,
          PackEvents.class,
          RoutingErrors.class,
          RoutingEvents.class,
          SlaErrors.class,
          SlaEvents.class,
          StoreErrors.class,
          ai.omniflow.tasks.TaskErrors.class,
          ai.omniflow.tasks.TaskEvents.class,
          TenancyErrors.class,
          TenancyEvents.class,
          VaultErrors.class,
          ai.omniflow.webhooks.WebhookErrors.class,
          ai.omniflow.webhooks.WebhookEvents.class);

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path CLASSES_DIR = Path.of("target", "classes", "ai", "omniflow");

  @Test
  @DisplayName("every error code, event type and audit action is named in the docs")
  void everyWireNameIsDocumented() throws IOException {
    String docs = docs();
    List<String> missing = new ArrayList<>();
    for (Class<?> c : CLASSES) {
      for (String wire : wireNames(c)) {
        // Whole names only: lead.claim must not pass because lead.claimed is documented.
        Pattern p = Pattern.compile("(?<![a-z0-9_.])" + Pattern.quote(wire) + "(?![a-z0-9_])");
        if (!p.matcher(docs).find()) {
          missing.add(c.getSimpleName() + ": " + wire);
        }
      }
    }
    assertThat(missing).as("wire names missing from docs/*.md").isEmpty();
  }

  @Test
  @DisplayName("every constants class of core is in the list the docs test reads")
  void everyConstantsClassIsListed() throws IOException {
    Set<String> found;
    try (Stream<Path> files = Files.walk(CLASSES_DIR)) {
      found =
          files
              .map(f -> CLASSES_DIR.relativize(f).toString().replace('\\', '/'))
              .filter(f -> f.endsWith("Errors.class") || f.endsWith("Events.class"))
              .filter(f -> !f.contains("internal/") && !f.contains("$"))
              .map(f -> "ai.omniflow." + f.replace('/', '.').replaceAll("\\.class$", ""))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed =
        CLASSES.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    assertThat(found).isNotEmpty().isEqualTo(listed);
  }

  @Test
  @DisplayName("constants are public static final strings named after their wire name")
  void constantsAreNamedAfterTheirWireName() {
    for (Class<?> c : CLASSES) {
      assertThat(Modifier.isFinal(c.getModifiers())).as(c.getName()).isTrue();
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        assertThat(Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m))
            .as(c.getSimpleName() + "." + f.getName())
            .isTrue();
        assertThat(f.getType()).isEqualTo(String.class);
        // Audit actions sit beside their events with an AUDIT_ prefix (decision 0038).
        String name =
            c.getSimpleName().endsWith("Events")
                ? f.getName().replaceFirst("^AUDIT_", "")
                : f.getName();
        String expected = name.toLowerCase(java.util.Locale.ROOT);
        assertThat(value(f).replace('.', '_'))
            .as(c.getSimpleName() + "." + f.getName())
            .isEqualTo(expected);
      }
    }
  }

  private static List<String> wireNames(Class<?> c) {
    return Stream.of(c.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(WireNamesDocumentedTest::value)
        .toList();
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String docs() throws IOException {
    try (Stream<Path> files = Files.list(DOCS)) {
      return files
          .filter(f -> f.toString().endsWith(".md"))
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n"));
    }
  }
}
