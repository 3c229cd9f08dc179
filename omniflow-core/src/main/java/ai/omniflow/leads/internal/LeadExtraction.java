package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.LeadField;
import ai.omniflow.inbox.Message;
import ai.omniflow.leads.Extraction;
import ai.omniflow.leads.ExtractionSource;
import ai.omniflow.leads.LeadFieldExtractor;
import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.VerticalPack;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds a new lead's fields in what the contact sent, with {@link LeadFieldExtractor}: lead-form
 * answers (stored by the inbox as {@code question: answer} lines) and inbound messages. Each value
 * is then normalized as {@link LeadFields} would an agent's; one that does not fit is left out.
 */
final class LeadExtraction {
  /** Each pack's field extractor, built once per pack version and held by its compiled pack. */
  private static final CompiledPack.Part<LeadFieldExtractor> EXTRACTOR =
      CompiledPack.Part.of("lead-field-extractor", c -> LeadFieldExtractor.of(c.pack()));

  private LeadExtraction() {}

  /**
   * @param zone the org's time zone ({@link ai.omniflow.tenancy.Org#zone()}), in which "today",
   *     "tomorrow" and weekdays in what the contact wrote are counted
   */
  static Map<String, @Nullable Object> fields(
      VerticalPack pack, LeadSignals signals, Instant now, ZoneId zone) {
    Set<Message> forms = Set.copyOf(signals.forms());
    List<ExtractionSource> sources = new ArrayList<>();
    for (Message m : signals.inbound()) {
      if (forms.contains(m)) {
        sources.add(ExtractionSource.form(answers(m.text()), m.sentAt()));
      } else if (!m.text().isBlank()) {
        sources.add(ExtractionSource.message(m.text(), m.sentAt()));
      }
    }
    Extraction x = extractor(pack).extract(sources, LocalDate.ofInstant(now, zone), zone);
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (LeadField f : pack.leadFields()) {
      Object v = x.values().get(f.key());
      if (v != null) {
        try {
          out.put(f.key(), LeadFields.normalize(f, v));
        } catch (OmniFlowException e) {
          // A value that doesn't fit the field is left for an agent to read.
        }
      }
    }
    return out;
  }

  private static Map<String, String> answers(String text) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.substring(colon + 1).isBlank()) {
        answers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return answers;
  }

  private static LeadFieldExtractor extractor(VerticalPack pack) {
    return CompiledPack.of(pack).part(EXTRACTOR);
  }
}
