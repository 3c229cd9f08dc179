package ai.omniflow.benchmarks;

import ai.omniflow.OmniFlow;
import ai.omniflow.PageRequest;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.IssuedApiKey;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of tenancy in core, over the in-memory store: a permission check, resolving
 * an actor from dev headers, authenticating an API key, and reading a page of the event log.
 *
 * <p>Run:
 *
 * <pre>
 * ./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
 * java -jar omniflow-benchmarks/target/benchmarks.jar TenancyBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TenancyBenchmark {
  private OmniFlow omniFlow;
  private Actor owner;
  private Actor viewer;
  private String token;

  @Setup
  public void setUp() {
    omniFlow = OmniFlow.builder().store(new InMemoryStore()).build();
    UUID orgId = UUID.randomUUID();
    User user = new User(UUID.randomUUID(), "owner@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(orgId, "Bench", user);
    owner = Actor.of(orgId, user.id(), Role.OWNER);
    viewer = Actor.of(orgId, user.id(), Role.VIEWER);
    IssuedApiKey issued = omniFlow.apiKeys().issue(owner, user.id(), "bench");
    token = issued.token();
  }

  @Benchmark
  public boolean permissionCheck() {
    return Permission.PACK_SELECT.allows(viewer.role());
  }

  @Benchmark
  public Actor resolveDevIdentity() {
    return omniFlow.authenticator().resolve(owner.orgId(), owner.userId(), Role.VIEWER, "r");
  }

  @Benchmark
  public Actor authenticateApiKey() {
    return omniFlow.apiKeys().authenticate(token, "r");
  }

  @Benchmark
  public long listEvents() {
    return omniFlow.events().list(owner, PageRequest.first()).total();
  }
}
