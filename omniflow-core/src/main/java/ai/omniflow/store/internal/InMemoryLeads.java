package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.contacts.Contact;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.store.spi.LeadRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LeadRepository} of one in-memory transaction. Not thread-safe: the store's lock guards
 * it.
 */
final class InMemoryLeads implements LeadRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryLeads(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(Lead l) {
    tx.requireOrg(l.orgId(), "the lead");
    if (tables.leads.containsKey(l.id())) {
      throw OmniFlowException.conflict(LeadErrors.LEAD_EXISTS, "The lead exists already.");
    }
    Contact c = tables.contacts.get(l.contactId());
    if (c == null || !c.orgId().equals(org)) {
      throw OmniFlowException.notFound("The contact");
    }
    if (l.isOpen() && findOpen(l.contactId()).isPresent()) {
      throw OmniFlowException.race(
          LeadErrors.OPEN_LEAD_EXISTS, "The contact has an open lead already.");
    }
    tx.put(tables.leads, l.id(), new Sequenced<>(tables.nextSequence(), l.createdAt(), l));
  }

  @Override
  public void update(Lead l) {
    tx.requireOrg(l.orgId(), "the lead");
    Sequenced<Lead> old = tables.leads.get(l.id());
    if (old == null || !old.value().orgId().equals(org)) {
      throw OmniFlowException.notFound("The lead");
    }
    Lead o = old.value();
    Lead kept =
        new Lead(
            o.id(),
            o.orgId(),
            o.contactId(),
            o.threadId(),
            o.sourceChannel(),
            o.campaignId(),
            o.adId(),
            l.stage(),
            l.ownerUserId(),
            l.fields(),
            l.score(),
            l.scoredAt(),
            l.outcome(),
            o.createdAt(),
            l.updatedAt(),
            l.language());
    tx.put(tables.leads, l.id(), new Sequenced<>(old.seq(), old.at(), kept));
  }

  @Override
  public Optional<Lead> find(UUID leadId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.leads.get(leadId))
        .map(Sequenced::value)
        .filter(l -> l.orgId().equals(org));
  }

  @Override
  public Optional<Lead> lock(UUID leadId) {
    return find(leadId);
  }

  @Override
  public Optional<Lead> findOpen(UUID contactId) {
    tx.requireOpen();
    return tables.leads.values().stream()
        .map(Sequenced::value)
        .filter(l -> l.orgId().equals(org) && l.contactId().equals(contactId) && l.isOpen())
        .findFirst();
  }

  @Override
  public Page<Lead> list(LeadFilter filter, PageRequest page) {
    tx.requireOpen();
    List<Lead> all =
        tables.leads.values().stream()
            .filter(s -> s.value().orgId().equals(org) && filter.test(s.value()))
            .sorted(
                Comparator.<Sequenced<Lead>, Instant>comparing(s -> s.value().createdAt())
                    .reversed()
                    .thenComparing(s -> s.value().id()))
            .map(Sequenced::value)
            .toList();
    return Page.slice(all, page);
  }

  @Override
  public List<UUID> openIds(@Nullable UUID after, int limit) {
    tx.requireOpen();
    return tables.leads.values().stream()
        .map(Sequenced::value)
        .filter(l -> l.orgId().equals(org) && l.isOpen())
        .map(Lead::id)
        .filter(id -> after == null || id.compareTo(after) > 0)
        .sorted()
        .limit(limit)
        .toList();
  }

  @Override
  public List<Lead> closed(int limit) {
    tx.requireOpen();
    return tables.leads.values().stream()
        .map(Sequenced::value)
        .filter(l -> l.orgId().equals(org) && !l.isOpen())
        .sorted(
            Comparator.<Lead, Instant>comparing(l -> l.outcome().closedAt())
                .reversed()
                .thenComparing(Lead::id))
        .limit(limit)
        .toList();
  }

  @Override
  public Map<UUID, Integer> openCountsByOwner() {
    tx.requireOpen();
    Map<UUID, Integer> counts = new HashMap<>();
    for (Sequenced<Lead> s : tables.leads.values()) {
      Lead l = s.value();
      if (l.orgId().equals(org) && l.isOpen() && l.ownerUserId() != null) {
        counts.merge(l.ownerUserId(), 1, Integer::sum);
      }
    }
    return counts;
  }

  @Override
  public void insertScore(LeadScore score) {
    tx.requireOrg(score.orgId(), "the score");
    if (find(score.leadId()).isEmpty()) {
      throw OmniFlowException.notFound("The lead");
    }
    tx.append(tables.leadScores, new Sequenced<>(tables.nextSequence(), score.scoredAt(), score));
  }

  @Override
  public Page<LeadScore> scores(UUID leadId, PageRequest page) {
    tx.requireOpen();
    return InMemoryTables.newestFirst(
        tables.leadScores, s -> s.orgId().equals(org) && s.leadId().equals(leadId), page);
  }

  @Override
  public void insertModelRun(ModelRun run) {
    tx.requireOrg(run.orgId(), "the model run");
    List<Object> key = List.of(org, run.version());
    if (tables.modelRuns.containsKey(key)) {
      throw OmniFlowException.conflict(
          LeadErrors.MODEL_RUN_EXISTS, "The org has a model run with that version already.");
    }
    tx.put(tables.modelRuns, key, run);
  }

  @Override
  public Optional<UUID> previousOwner(UUID contactId, UUID exceptLeadId) {
    tx.requireOpen();
    return tables.leads.values().stream()
        .map(Sequenced::value)
        .filter(
            l ->
                l.orgId().equals(org)
                    && l.contactId().equals(contactId)
                    && !l.id().equals(exceptLeadId)
                    && l.ownerUserId() != null)
        .max(Comparator.comparing(Lead::createdAt))
        .map(Lead::ownerUserId);
  }

  @Override
  public void saveOffer(ai.omniflow.leads.LeadOffer offer) {
    tx.requireOrg(offer.orgId(), "the offer");
    if (find(offer.leadId()).isEmpty()) {
      throw OmniFlowException.notFound("The lead");
    }
    tx.put(tables.offers, offer.leadId(), offer);
  }

  @Override
  public Optional<ai.omniflow.leads.LeadOffer> offer(UUID leadId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.offers.get(leadId)).filter(o -> o.orgId().equals(org));
  }

  @Override
  public void deleteOffer(UUID leadId) {
    tx.requireOpen();
    ai.omniflow.leads.LeadOffer old = tables.offers.get(leadId);
    if (old != null && old.orgId().equals(org)) {
      tx.remove(tables.offers, leadId);
    }
  }

  @Override
  public List<UUID> expiredOffers(Instant now, int limit) {
    tx.requireOpen();
    return tables.offers.values().stream()
        .filter(o -> o.orgId().equals(org) && !o.expiresAt().isAfter(now))
        .sorted(Comparator.comparing(ai.omniflow.leads.LeadOffer::expiresAt))
        .limit(limit)
        .map(ai.omniflow.leads.LeadOffer::leadId)
        .toList();
  }

  @Override
  public Optional<ModelRun> latestModelRun() {
    tx.requireOpen();
    return tables.modelRuns.values().stream()
        .filter(r -> r.orgId().equals(org))
        .max(Comparator.comparingInt(ModelRun::version));
  }
}
