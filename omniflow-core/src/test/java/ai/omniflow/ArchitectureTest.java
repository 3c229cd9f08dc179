package ai.omniflow;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.store.spi.StoreTransaction;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package rules of core (docs/architecture.md): its areas ({@code ai.omniflow.<area>..}) form
 * no cycle, and no area reaches into another area's {@code .internal} package.
 *
 * <p>Two hubs are left out of the cycle check, as decision 0021 records: the store SPI ({@code
 * ai.omniflow.store..}), whose repositories name every area's records while every service opens its
 * transactions, and core's shared {@code ai.omniflow.internal} (the recorder of events and audit
 * entries that every service calls). Every other edge between areas counts.
 */
@DisplayName("Core's packages")
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("ai.omniflow");
  }

  @Test
  @DisplayName("the areas form no cycle, the store and recorder hubs aside")
  void areasFormNoCycle() {
    slices()
        .matching("ai.omniflow.(*)..")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            JavaClass.Predicates.resideInAnyPackage("ai.omniflow.."),
            JavaClass.Predicates.resideInAnyPackage(
                "ai.omniflow.store..", "ai.omniflow.internal.."))
        .ignoreDependency(
            JavaClass.Predicates.resideInAnyPackage(
                "ai.omniflow.store..", "ai.omniflow.internal.."),
            JavaClass.Predicates.resideInAnyPackage("ai.omniflow.."))
        .check(core);
  }

  @Test
  @DisplayName("the shared vocabulary of lead fields and conditions depends on no other area")
  void fieldsAreALeaf() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("ai.omniflow.fields..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("ai.omniflow.fields..", "java..", "org.jspecify..")
        .check(core);
  }

  @Test
  @DisplayName("scoring and routing do not reach up to packs")
  void scoringAndRoutingDoNotUsePacks() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAnyPackage("ai.omniflow.scoring..", "ai.omniflow.routing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.omniflow.pack..")
        .check(core);
  }

  @Test
  @DisplayName("no area uses another area's internal package")
  void noAreaUsesAnothersInternals() {
    ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("ai.omniflow..")
        .should(useNoInternalsOfAnotherArea())
        .check(core);
  }

  @Test
  @DisplayName(
      "no public method or constructor outside the SPI and internal packages takes a"
          + " transaction")
  void transactionsStayInsideTheSpiAndInternals() {
    ArchRuleDefinition.codeUnits()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackages("ai.omniflow..spi..", "ai.omniflow..internal..")
        .should(takeNoStoreTransaction())
        .check(core);
  }

  @Test
  @DisplayName("the services OmniFlow hands out have no public constructor")
  void servicesAreBuiltOnlyByOmniFlow() {
    DescribedPredicate<JavaClass> facades =
        DescribedPredicate.describe(
            "are services OmniFlow hands out",
            c ->
                core.get(OmniFlow.class).getMethods().stream()
                    .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                    .map(m -> m.getRawReturnType())
                    .anyMatch(
                        t ->
                            t.equals(c)
                                && (c.getSimpleName().endsWith("Service")
                                    || c.getSimpleName().equals("Authenticator"))));
    assertThat(
            core.get(OmniFlow.class).getMethods().stream()
                .map(m -> m.getRawReturnType())
                .filter(facades::test))
        .as("the rule sees the facades")
        .hasSizeGreaterThanOrEqualTo(11);
    ArchRuleDefinition.noConstructors()
        .that()
        .areDeclaredInClassesThat(facades)
        .should()
        .bePublic()
        .check(core);
  }

  private static ArchCondition<JavaCodeUnit> takeNoStoreTransaction() {
    return new ArchCondition<>("take no StoreTransaction") {
      @Override
      public void check(JavaCodeUnit item, ConditionEvents events) {
        boolean takes =
            item.getRawParameterTypes().stream()
                .anyMatch(t -> t.isEquivalentTo(StoreTransaction.class));
        if (takes) {
          events.add(SimpleConditionEvent.violated(item, item.getFullName() + " takes one"));
        }
      }
    };
  }

  /**
   * Whether a dependency reaches an {@code ai.omniflow.<area>.internal} package of an area other
   * than the class's own. Core's shared {@code ai.omniflow.internal} belongs to no area and may be
   * used by all.
   */
  private static ArchCondition<JavaClass> useNoInternalsOfAnotherArea() {
    return new ArchCondition<>("use no internal package of another area") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = area(item.getPackageName());
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          String pkg = d.getTargetClass().getBaseComponentType().getPackageName();
          if (!pkg.startsWith("ai.omniflow.") || pkg.startsWith("ai.omniflow.internal")) {
            continue;
          }
          boolean internal = pkg.contains(".internal");
          if (internal && !area(pkg).equals(own)) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  private static String area(String pkg) {
    String rest = pkg.startsWith("ai.omniflow.") ? pkg.substring("ai.omniflow.".length()) : "";
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
