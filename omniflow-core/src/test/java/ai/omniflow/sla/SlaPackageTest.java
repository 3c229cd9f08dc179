package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.leads.ScoreBand;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SLA package stays a pure leaf: values and arithmetic over the JDK, core's root package (the
 * exception and the limits) and JSpecify, and nothing else of OmniFlow. Only the service facade and
 * its use cases, which store configurations, reach the store and tenancy (decision 0042). Its
 * copies of the glossary's channel and band names stay equal to the enums it does not import.
 */
@DisplayName("The SLA package")
class SlaPackageTest {
  @Test
  @DisplayName("depends only on the JDK, JSpecify and core's root package, but for its service")
  void dependsOnlyOnTheRootAndTheJdk() {
    JavaClasses sla =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("ai.omniflow.sla");
    ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("ai.omniflow.sla..")
        .and()
        .doNotHaveFullyQualifiedName(SlaService.class.getName())
        .and()
        .haveNameNotMatching(
            "ai\\.omniflow\\.sla\\.internal\\.(Sla(Configs|Calendars|Readings|Steps|StepBatch|ThreadLists)|ClockKeeping|SpeedToLead)(\\$.*)?")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "ai.omniflow", "ai.omniflow.sla..", "ai.omniflow.fields..", "java..", "org.jspecify..")
        .check(sla);
  }

  @Test
  @DisplayName("names the glossary's channels and score bands")
  void channelsAndBandsMatchTheirEnums() {
    assertThat(SlaTarget.CHANNELS)
        .containsExactlyElementsOf(Arrays.stream(Channel.values()).map(Channel::id).toList());
    assertThat(SlaTarget.BANDS)
        .containsExactlyElementsOf(
            Arrays.stream(ScoreBand.values()).map(ScoreBand::wireName).toList());
  }
}
