package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The mock ingest endpoint exists only in mock connector mode")
class MockIngestModeTest {

  private static InboxApi.IngestMock body() {
    return new InboxApi.IngestMock(
        "instagram_dm",
        new InboxApi.SenderBody("ig-live", null, null, null),
        "hi",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Actor ownerOf(OmniFlow omniFlow) {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.com", "Owner", Instant.now());
    omniFlow.tenancy().createOrg(org, "Live Co", u);
    return Actor.of(org, u.id(), Role.OWNER);
  }

  @Test
  void inLiveModeItIsNotFoundAndWritesNothing() {
    OmniFlow live = OmniFlow.builder().connectorMode(ConnectorMode.LIVE).build();
    Actor owner = ownerOf(live);
    long events = live.events().list(owner, PageRequest.first()).total();

    assertThatThrownBy(() -> new InboxApi(live).ingest(owner, body()))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    assertThat(live.events().list(owner, PageRequest.first()).total()).isEqualTo(events);
  }

  @Test
  void inMockModeItIngests() {
    OmniFlow mock = OmniFlow.builder().connectorMode(ConnectorMode.MOCK).build();
    Actor owner = ownerOf(mock);

    assertThat(new InboxApi(mock).ingest(owner, body()).getStatusCode().value()).isEqualTo(201);
  }
}
