package ai.omniflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.events.EventService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Building services only through OmniFlow")
class WiringTest {

  @Test
  @DisplayName("a class other than the service cannot register a factory for it")
  void onlyTheServiceRegistersItsFactory() {
    assertThatThrownBy(() -> Wiring.register(EventService.class, w -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only ai.omniflow.events.EventService registers its factory");
  }

  @Test
  @DisplayName("two OmniFlows built one after the other each get their own services")
  void eachBuildGetsItsOwnGraph() {
    OmniFlow a = OmniFlow.builder().build();
    OmniFlow b = OmniFlow.builder().build();
    assertThat(a.leads()).isNotSameAs(b.leads());
    assertThat(a.events()).isNotSameAs(b.events());
  }
}
