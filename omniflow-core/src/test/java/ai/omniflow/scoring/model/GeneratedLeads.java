package ai.omniflow.scoring.model;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Closed leads of a real-estate-like pack drawn from a known logistic model, so tests know which
 * features matter and with what sign.
 *
 * <p>log-odds of winning = 0 + 2.5·pre_approved + 1.5·[timeline = Within 3 months] + 1.0·(ln(1 +
 * budget) − 12.5) + 2.0·[intent showing_request] − 0.6·ln(1 + response minutes) + … where a missing
 * budget or reply adds nothing. Beds, notes, move date, the source channel and the other intents
 * are noise.
 */
final class GeneratedLeads {
  private GeneratedLeads() {}

  static final List<String> TIMELINES =
      List.of("Within 3 months", "3-6 months", "6+ months", "Just browsing");

  static final List<LeadField> FIELDS =
      List.of(
          new LeadField("budget", "Budget", FieldType.MONEY, List.of()),
          new LeadField("pre_approved", "Pre-approved", FieldType.BOOLEAN, List.of()),
          new LeadField("timeline", "Timeline", FieldType.CHOICE, TIMELINES),
          new LeadField("beds", "Bedrooms", FieldType.NUMBER, List.of()),
          new LeadField("notes", "Notes", FieldType.TEXT, List.of()),
          new LeadField("move_date", "Move date", FieldType.DATE, List.of()));

  static final List<String> CHANNELS =
      List.of("instagram", "facebook", "whatsapp", "sms", "lead_ad", "email");

  static final List<String> OTHER_INTENTS = List.of("pricing_question", "mortgage", "greeting");

  /** A lead drawn at random, with or without each value. */
  static ModelInput input(Random r) {
    Map<String, Object> fields = new HashMap<>();
    if (r.nextDouble() < 0.9) {
      fields.put(
          "budget",
          BigDecimal.valueOf(Math.exp(12.5 + 0.7 * r.nextGaussian()))
              .setScale(0, RoundingMode.HALF_UP));
    }
    if (r.nextDouble() < 0.85) {
      fields.put("pre_approved", r.nextDouble() < 0.4);
    }
    if (r.nextDouble() < 0.9) {
      fields.put("timeline", TIMELINES.get(r.nextInt(TIMELINES.size())));
    }
    if (r.nextDouble() < 0.7) {
      fields.put("beds", 1 + r.nextInt(5));
    }
    if (r.nextBoolean()) {
      fields.put("notes", "called about the listing");
    }
    if (r.nextDouble() < 0.3) {
      fields.put("move_date", LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365)));
    }
    Set<String> intents = new HashSet<>();
    if (r.nextDouble() < 0.3) {
      intents.add("showing_request");
    }
    for (String intent : OTHER_INTENTS) {
      if (r.nextDouble() < 0.3) {
        intents.add(intent);
      }
    }
    Duration response =
        r.nextDouble() < 0.1
            ? null
            : Duration.ofSeconds((long) (-Math.log(1 - r.nextDouble()) * 30 * 60));
    int inbound = 1 + r.nextInt(8);
    return new ModelInput(
        fields,
        r.nextDouble() < 0.05 ? null : CHANNELS.get(r.nextInt(CHANNELS.size())),
        intents,
        response,
        inbound,
        r.nextInt(inbound + 1));
  }

  /** The true log-odds of winning. */
  static double trueLogOdds(ModelInput in) {
    double z = 0;
    if (Boolean.TRUE.equals(in.fields().get("pre_approved"))) {
      z += 2.5;
    }
    if ("Within 3 months".equals(in.fields().get("timeline"))) {
      z += 1.5;
    }
    if (in.fields().get("budget") instanceof BigDecimal b) {
      z += 1.0 * (Math.log1p(b.doubleValue()) - 12.5);
    }
    if (in.intents().contains("showing_request")) {
      z += 2.0;
    }
    if (in.firstResponseTime() != null) {
      z -= 0.6 * Math.log1p(in.firstResponseTime().toSeconds() / 60.0);
    }
    return z;
  }

  /** {@code n} leads won with the true model's probability. */
  static List<ClosedLead> withSignal(int n, long seed) {
    Random r = new Random(seed);
    List<ClosedLead> leads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ModelInput in = input(r);
      leads.add(new ClosedLead(in, r.nextDouble() < LeadModel.sigmoid(trueLogOdds(in))));
    }
    return leads;
  }

  /** {@code n} leads won with probability 0.4 whatever they are. */
  static List<ClosedLead> noise(int n, long seed) {
    Random r = new Random(seed);
    List<ClosedLead> leads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      leads.add(new ClosedLead(input(r), r.nextDouble() < 0.4));
    }
    return leads;
  }

  /** {@code won} won and {@code lost} lost leads. */
  static List<ClosedLead> counts(int won, int lost, long seed) {
    Random r = new Random(seed);
    List<ClosedLead> leads = new ArrayList<>();
    for (int i = 0; i < won + lost; i++) {
      leads.add(new ClosedLead(input(r), i < won));
    }
    return leads;
  }
}
