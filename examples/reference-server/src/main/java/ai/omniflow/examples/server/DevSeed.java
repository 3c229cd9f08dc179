package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The dev org, with fixed ids so that the curl examples in docs/reference-server.md work: org
 * {@value #ORG} "Dev Org", its owner {@value #USER} dev@omniflow.local, pack {@code generic}, and
 * one member per role: admin {@value #ADMIN}, agent {@value #AGENT}, viewer {@value #VIEWER}.
 * Seeding is idempotent: an org that exists already is left alone.
 */
@Component
final class DevSeed implements ApplicationRunner {
  static final String ORG = "00000000-0000-4000-8000-000000000001";
  static final String USER = "00000000-0000-4000-8000-000000000002";
  static final UUID ORG_ID = UUID.fromString(ORG);
  static final UUID USER_ID = UUID.fromString(USER);
  static final String ADMIN = "00000000-0000-4000-8000-000000000003";
  static final String AGENT = "00000000-0000-4000-8000-000000000004";
  static final String VIEWER = "00000000-0000-4000-8000-000000000005";

  /** One seeded member per role below owner, with fixed ids (docs/reference-server.md). */
  private static final List<Seeded> MEMBERS =
      List.of(
          new Seeded(ADMIN, "admin@omniflow.local", "Dev Admin", Role.ADMIN),
          new Seeded(AGENT, "agent@omniflow.local", "Dev Agent", Role.AGENT),
          new Seeded(VIEWER, "viewer@omniflow.local", "Dev Viewer", Role.VIEWER));

  private record Seeded(String id, String email, String name, Role role) {}

  private static final Logger LOG = LoggerFactory.getLogger(DevSeed.class);

  private final OmniFlow omniFlow;
  private final ServerSettings settings;
  private final ReferenceServer.Command command;

  DevSeed(OmniFlow omniFlow, ServerSettings settings, Environment environment) {
    this.omniFlow = omniFlow;
    this.settings = settings;
    this.command =
        ReferenceServer.Command.valueOf(
            environment.getProperty(ReferenceServer.COMMAND, ReferenceServer.Command.SERVE.name()));
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean wanted =
        command == ReferenceServer.Command.SEED
            || (command == ReferenceServer.Command.SERVE && settings.seedEnabled());
    if (wanted) {
      seed(omniFlow);
    }
  }

  /**
   * Creates the dev org and its owner unless the org exists, and selects the {@code generic} pack
   * unless the org has one. Safe to run again, and on several nodes at once.
   */
  static void seed(OmniFlow omniFlow) {
    if (omniFlow.tenancy().findOrg(ORG_ID).isEmpty()) {
      try {
        omniFlow
            .tenancy()
            .createOrg(
                ORG_ID,
                "Dev Org",
                new User(USER_ID, "dev@omniflow.local", "Dev Owner", omniFlow.clock().instant()));
        LOG.info("Seeded the dev org {} with owner {}", ORG, USER);
      } catch (OmniFlowException e) {
        if (!e.code().equals("org_exists")) {
          throw e;
        }
        LOG.info("Another node seeded the dev org {} first", ORG);
      }
    }
    Actor owner = Actor.of(ORG_ID, USER_ID, Role.OWNER).withRequestId("seed");
    for (Seeded m : MEMBERS) {
      UUID id = UUID.fromString(m.id());
      boolean present =
          omniFlow.tenancy().members(owner).stream().anyMatch(x -> x.userId().equals(id));
      if (!present) {
        try {
          omniFlow
              .tenancy()
              .addMember(
                  owner, new User(id, m.email(), m.name(), omniFlow.clock().instant()), m.role());
          LOG.info("Seeded the dev {} {}", m.role().wireName(), m.id());
        } catch (OmniFlowException e) {
          if (!e.code().equals("user_exists") && !e.code().equals("member_exists")) {
            throw e;
          }
        }
      }
    }
    Org org = omniFlow.tenancy().findOrg(ORG_ID).orElseThrow();
    if (org.packSlug() == null) {
      omniFlow
          .packs()
          .select(Actor.of(ORG_ID, USER_ID, Role.OWNER).withRequestId("seed"), "generic");
      LOG.info("Selected the pack generic for the dev org {}", ORG);
    } else {
      LOG.info("The dev org {} exists, with pack {}", ORG, org.packSlug());
    }
  }
}
