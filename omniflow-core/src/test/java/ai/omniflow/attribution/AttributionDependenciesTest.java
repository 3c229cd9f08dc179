package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The attribution package")
class AttributionDependenciesTest {
  /**
   * The shell around the pure engine: the service and its use cases read the store, check
   * permissions and record events; nothing of the engine may depend on them.
   */
  static final java.util.Set<String> SHELL =
      java.util.Set.of(
          "ai.omniflow.attribution.AttributionService",
          "ai.omniflow.attribution.internal.AttributionReports",
          "ai.omniflow.attribution.internal.CsvComputation",
          "ai.omniflow.attribution.internal.FunnelReporting",
          "ai.omniflow.attribution.internal.TimeToConvertReporting",
          "ai.omniflow.attribution.internal.JourneyAssembly",
          "ai.omniflow.attribution.internal.SpendRecording",
          "ai.omniflow.attribution.internal.TouchpointRecording");

  private static boolean inShell(JavaClass c) {
    String name = c.getBaseComponentType().getName();
    int nested = name.indexOf('$');
    return SHELL.contains(nested < 0 ? name : name.substring(0, nested));
  }

  @Test
  @DisplayName(
      "keeps its engine free of anything but the JDK, JSpecify, Limits and OmniFlowException")
  void dependsOnlyOnTheRoot() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.omniflow.attribution");
    DescribedPredicate<JavaClass> allowed =
        DescribedPredicate.describe(
            "the JDK, JSpecify, attribution itself, Limits or OmniFlowException",
            c -> {
              String name = c.getBaseComponentType().getName();
              String pkg = c.getBaseComponentType().getPackageName();
              return pkg.startsWith("java")
                  || pkg.startsWith("org.jspecify")
                  || (pkg.startsWith("ai.omniflow.attribution") && !inShell(c))
                  || name.equals(Limits.class.getName())
                  || name.startsWith(OmniFlowException.class.getName());
            });
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("ai.omniflow.attribution..")
        .and(DescribedPredicate.describe("not the service's shell", (JavaClass c) -> !inShell(c)))
        .should()
        .dependOnClassesThat(DescribedPredicate.not(allowed))
        .check(classes);
  }
}
