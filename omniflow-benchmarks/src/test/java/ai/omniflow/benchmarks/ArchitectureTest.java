package ai.omniflow.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what a host gets, so they use OmniFlow as a host does: through its public
 * API and SPIs, never through a module's {@code .internal} package (ARCHITECTURE.md's three tiers).
 * The starter's {@code ArchitectureTest} checks the library modules the same way; this module is
 * built on all of them, so it is checked here. The JMH-generated classes count too.
 *
 * <p>A runner that must time work no public entry point runs alone uses a hook a service hands out
 * and documents as not API; the hook's type may be internal. Those types are listed in {@link
 * #HOOKS}, each with the decision that allows it, and nothing else internal is allowed.
 */
@DisplayName("The benchmarks")
class ArchitectureTest {
  /**
   * Internal types a runner may name because a service hands them out as a documented hook, not
   * API: {@code SlaService.clockKeeping()} for {@code SlaClockRunner} (decision 0088).
   */
  private static final Set<String> HOOKS = Set.of("ai.omniflow.internal.SlaClocksWithin");

  private static JavaClasses benchmarks;

  @BeforeAll
  static void importBenchmarks() {
    benchmarks =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.omniflow.benchmarks");
  }

  @Test
  @DisplayName("use no module's internal package, the hooks services hand out aside")
  void useNoInternals() {
    classes()
        .that()
        .resideInAPackage("ai.omniflow.benchmarks..")
        .should(useNoInternalPackage())
        .check(benchmarks);
  }

  @Test
  @DisplayName("are all seen by the rule, the hook SlaClockRunner names among their dependencies")
  void theRuleSeesTheRunners() {
    assertThat(benchmarks.contain(SlaClockRunner.class)).isTrue();
    assertThat(benchmarks.contain(WebhookRunner.class)).isTrue();
    assertThat(benchmarks.get(SlaClockRunner.class).getDirectDependenciesFromSelf())
        .extracting(d -> d.getTargetClass().getBaseComponentType().getName())
        .as("a dependency on an internal type is seen, so the rule is not vacuous")
        .contains("ai.omniflow.internal.SlaClocksWithin");
  }

  private static ArchCondition<JavaClass> useNoInternalPackage() {
    return new ArchCondition<>("use no internal package of OmniFlow but a documented hook") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          String pkg = target.getPackageName();
          boolean internal =
              pkg.startsWith("ai.omniflow.")
                  && (pkg.endsWith(".internal") || pkg.contains(".internal."));
          String outer = target.getName();
          int nested = outer.indexOf('$');
          if (nested >= 0) {
            outer = outer.substring(0, nested);
          }
          if (internal && !HOOKS.contains(outer)) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }
}
