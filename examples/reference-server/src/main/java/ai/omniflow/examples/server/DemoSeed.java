package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.connectors.ConnectorMode;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo} ({@code omniflow.server.demo=true}), seeds the dev org ({@link DevSeed}) and
 * writes {@link DemoData} into it at start-up, after the dev seed. Only in mock connector mode:
 * otherwise it says why in the log and writes nothing.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
final class DemoSeed implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

  private final OmniFlow omniFlow;
  private final boolean wanted;

  DemoSeed(OmniFlow omniFlow, ServerSettings settings, Environment environment) {
    this.omniFlow = omniFlow;
    ReferenceServer.Command command =
        ReferenceServer.Command.valueOf(
            environment.getProperty(ReferenceServer.COMMAND, ReferenceServer.Command.SERVE.name()));
    this.wanted =
        settings.demoEnabled()
            && (command == ReferenceServer.Command.SERVE
                || command == ReferenceServer.Command.SEED);
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!wanted) {
      return;
    }
    if (omniFlow.connectors().registry().mode() != ConnectorMode.MOCK) {
      LOG.warn(
          "--demo needs CONNECTOR_MODE=mock: the demo sends through the mock connector. Skipped.");
      return;
    }
    DevSeed.seed(omniFlow);
    Actor owner = Actor.of(DevSeed.ORG_ID, DevSeed.USER_ID, Role.OWNER).withRequestId("demo");
    long started = System.nanoTime();
    LOG.info("Writing the demo data into the dev org {}…", DevSeed.ORG);
    DemoData.Written w = new DemoData(omniFlow, owner, DemoData.CONTACTS).seed();
    LOG.info(
        "Demo data ready in {} s: {} new messages, {} replies, {} leads, {} outcomes. Sign in at /"
            + " and pick a member.",
        (System.nanoTime() - started) / 1_000_000_000L,
        w.messages(),
        w.replies(),
        w.leads(),
        w.outcomes());
  }
}
