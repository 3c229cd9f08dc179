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
  @Test
  @DisplayName("depends on nothing but the JDK, JSpecify, Limits and OmniFlowException")
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
                  || pkg.startsWith("ai.omniflow.attribution")
                  || name.equals(Limits.class.getName())
                  || name.startsWith(OmniFlowException.class.getName());
            });
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("ai.omniflow.attribution..")
        .should()
        .dependOnClassesThat(DescribedPredicate.not(allowed))
        .check(classes);
  }
}
