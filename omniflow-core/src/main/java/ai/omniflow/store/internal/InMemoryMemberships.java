package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.store.spi.MembershipRepository;
import ai.omniflow.tenancy.Membership;
import ai.omniflow.tenancy.TenancyErrors;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link MembershipRepository} of one in-memory transaction. Not thread-safe: the store's lock
 * guards it.
 */
final class InMemoryMemberships implements MembershipRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryMemberships(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public Optional<Membership> find(UUID userId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.memberships.get(List.of(org, userId)));
  }

  @Override
  public List<Membership> list() {
    tx.requireOpen();
    return tables.memberships.values().stream()
        .filter(m -> m.orgId().equals(org))
        .sorted(Comparator.comparing(Membership::createdAt))
        .toList();
  }

  @Override
  public void insert(Membership m) {
    tx.requireOrg(m.orgId(), "the membership");
    List<UUID> key = List.of(m.orgId(), m.userId());
    if (tables.memberships.containsKey(key)) {
      throw OmniFlowException.conflict(
          TenancyErrors.MEMBER_EXISTS, "The user is a member already.");
    }
    if (!tables.users.containsKey(m.userId())) {
      throw OmniFlowException.notFound("The user");
    }
    tx.put(tables.memberships, key, m);
  }

  @Override
  public void update(Membership m) {
    tx.requireOrg(m.orgId(), "the membership");
    List<UUID> key = List.of(m.orgId(), m.userId());
    Membership old = tables.memberships.get(key);
    if (old == null) {
      throw OmniFlowException.notFound("The membership");
    }
    tx.put(tables.memberships, key, m);
  }

  // ------------------------------------------------------------ members API (issue 9)

  @Override
  public boolean delete(UUID userId) {
    tx.requireOpen();
    List<UUID> key = List.of(org, userId);
    if (!tables.memberships.containsKey(key)) {
      return false;
    }
    tx.remove(tables.memberships, key);
    return true;
  }
}
