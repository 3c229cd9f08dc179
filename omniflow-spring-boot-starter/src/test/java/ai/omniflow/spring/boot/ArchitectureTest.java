package ai.omniflow.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md, checked over every {@code ai.omniflow} class on the
 * starter's test classpath, which holds every library module. A class's module is where it was
 * loaded from (a module's {@code target/classes} or its jar), so packages a module adds later are
 * covered without editing this test.
 */
@DisplayName("The architecture")
class ArchitectureTest {
  /** Core's packages when this test was written; classes of omniflow-core count too. */
  private static final String[] CORE_PACKAGES = {
    "ai.omniflow",
    "ai.omniflow.tenancy..",
    "ai.omniflow.events..",
    "ai.omniflow.audit..",
    "ai.omniflow.pack..",
    "ai.omniflow.store..",
    "ai.omniflow.internal.."
  };

  /**
   * The one internal package shared across modules: omniflow-connector-support holds what the
   * platform connectors (meta, whatsapp, twilio) have in common, with no compatibility promise.
   */
  private static final String CONNECTOR_SUPPORT = "ai.omniflow.connector.support.internal..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("ai.omniflow");
  }

  @Test
  @DisplayName("core imports no Spring, Jdbi, Flyway, HTTP client or crypto library")
  void coreImportsNoFrameworks() {
    noClasses()
        .that(inCore())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.jdbi..",
            "org.flywaydb..",
            "okhttp3..",
            "com.google.crypto.tink..",
            "com.google.protobuf..")
        .because(
            "ARCHITECTURE.md: core never imports Spring, Jdbi, Flyway, an HTTP client or a crypto"
                + " stack (the vault's Tink cipher lives in omniflow-vault)")
        .check(classes);
  }

  @Test
  @DisplayName("core depends on no module that is built on it")
  void coreUsesNoModuleBuiltOnIt() {
    noClasses()
        .that(inCore())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ai.omniflow.jdbc..",
            "ai.omniflow.verticals..",
            "ai.omniflow.spring..",
            "ai.omniflow.vault.tink..")
        .because("arrows only point down the module table of ARCHITECTURE.md")
        .check(classes);
  }

  @Test
  @DisplayName("the connector SPI depends on the JDK, slf4j and JSpecify only")
  void connectorSpiDependsOnTheJdkAndSlf4jOnly() {
    classes()
        .that()
        .resideInAPackage("ai.omniflow.connector.spi..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "org.slf4j..", "org.jspecify..", "ai.omniflow.connector.spi..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  @DisplayName("no module reaches into another module's internal packages")
  void noModuleUsesAnothersInternals() {
    classes().should(useNoInternalsOfAnotherModule()).check(classes);
  }

  @Test
  @DisplayName("only OmniFlow's own connectors use the connector support module's internals")
  void connectorSupportServesTheConnectorsOnly() {
    noClasses()
        .that()
        .resideOutsideOfPackage("ai.omniflow.connector..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CONNECTOR_SUPPORT)
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("ai.omniflow.connector.spi..", "ai.omniflow.connector.tck..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CONNECTOR_SUPPORT)
        .check(classes);
  }

  @Test
  @DisplayName("the starter does not reach into another module's internals")
  void starterUsesNoOtherInternals() {
    noClasses()
        .that()
        .resideInAPackage("ai.omniflow.spring..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ai.omniflow.internal..",
            "ai.omniflow.jdbc.internal..",
            "ai.omniflow.verticals.internal..",
            "ai.omniflow.connector..internal..")
        .check(classes);
  }

  @Test
  @DisplayName(
      "the JDBC store and the verticals do not reach into each other's or core's internals")
  void jdbcAndVerticalsUseNoOtherInternals() {
    noClasses()
        .that()
        .resideInAPackage("ai.omniflow.jdbc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.omniflow.internal..", "ai.omniflow.verticals.internal..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("ai.omniflow.verticals..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.omniflow.internal..", "ai.omniflow.jdbc.internal..")
        .allowEmptyShould(true)
        .check(classes);
  }

  /** Classes of omniflow-core: in its packages or loaded from its classes or jar. */
  private static DescribedPredicate<JavaClass> inCore() {
    DescribedPredicate<JavaClass> inPackages =
        JavaClass.Predicates.resideInAnyPackage(CORE_PACKAGES);
    return DescribedPredicate.describe(
        "are in omniflow-core",
        (JavaClass c) -> inPackages.test(c) || module(c).contains("omniflow-core"));
  }

  private static ArchCondition<JavaClass> useNoInternalsOfAnotherModule() {
    return new ArchCondition<>("use no internal class of another module") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = module(item);
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          String pkg = target.getPackageName();
          boolean internal = pkg.contains(".internal") && pkg.startsWith("ai.omniflow");
          boolean sharedWithConnectors =
              pkg.startsWith("ai.omniflow.connector.support.internal")
                  && item.getPackageName().startsWith("ai.omniflow.connector.");
          if (internal && !sharedWithConnectors && !module(target).equals(own)) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  /**
   * Where a class was loaded from: its module's classes directory or jar, e.g. {@code
   * file:/repo/omniflow-core/target/classes/}.
   */
  static String module(JavaClass c) {
    if (c.getSource().isEmpty()) {
      return "";
    }
    String uri = c.getSource().get().getUri().toString();
    int jar = uri.indexOf("!/");
    if (jar >= 0) {
      return uri.substring(0, jar);
    }
    String file = c.getName().replace('.', '/') + ".class";
    return uri.endsWith(file) ? uri.substring(0, uri.length() - file.length()) : uri;
  }
}
