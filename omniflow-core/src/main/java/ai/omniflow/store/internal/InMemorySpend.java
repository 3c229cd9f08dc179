package ai.omniflow.store.internal;

import ai.omniflow.attribution.Spend;
import ai.omniflow.store.spi.SpendRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The {@link SpendRepository} of one in-memory transaction. Not thread-safe. */
final class InMemorySpend implements SpendRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemorySpend(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  private List<Object> key(LocalDate day, String channel, @Nullable String campaign) {
    return Arrays.asList(org, day, channel, campaign == null ? "" : campaign);
  }

  @Override
  public Optional<Spend> put(Spend spend) {
    tx.requireOrg(spend.orgId(), "the spend");
    List<Object> key = key(spend.day(), spend.channel(), spend.campaign());
    Spend old = tables.spend.get(key);
    tx.put(tables.spend, key, spend);
    return Optional.ofNullable(old);
  }

  @Override
  public Optional<Spend> find(LocalDate day, String channel, @Nullable String campaign) {
    tx.requireOpen();
    return Optional.ofNullable(tables.spend.get(key(day, channel, campaign)));
  }

  @Override
  public List<Total> totals(LocalDate from, LocalDate to) {
    tx.requireOpen();
    Map<List<String>, BigDecimal> sums = new TreeMap<>(InMemorySpend::compareKeys);
    for (Spend s : tables.spend.values()) {
      if (s.orgId().equals(org) && !s.day().isBefore(from) && !s.day().isAfter(to)) {
        List<String> k =
            List.of(s.channel(), s.campaign() == null ? "" : s.campaign(), s.currency());
        sums.merge(k, s.amount(), BigDecimal::add);
      }
    }
    List<Total> out = new ArrayList<>();
    sums.forEach(
        (k, v) ->
            out.add(
                new Total(
                    k.get(0), k.get(1).isEmpty() ? null : k.get(1), k.get(2), v.setScale(2))));
    return out;
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
