package ai.omniflow.leads;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.Message;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.LeadField;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds a new lead's fields in what the contact sent: lead-form answers whose question names a
 * field (by key or label, ignoring case and punctuation).
 */
final class LeadExtraction {
  private LeadExtraction() {}

  static Map<String, @Nullable Object> fields(VerticalPack pack, LeadSignals signals, Instant now) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Message form : signals.forms()) {
      for (String line : form.text().split("\n")) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        LeadField f = field(pack, line.substring(0, colon));
        String answer = line.substring(colon + 1).strip();
        if (f == null || answer.isEmpty()) {
          continue;
        }
        try {
          // Later submissions win: people correct themselves.
          out.put(f.key(), LeadFields.normalize(f, formValue(f, answer)));
        } catch (OmniFlowException e) {
          // An answer that doesn't fit the field is left for an agent to read.
        }
      }
    }
    return out;
  }

  private static @Nullable LeadField field(VerticalPack pack, String question) {
    String q = squash(question);
    for (LeadField f : pack.leadFields()) {
      if (squash(f.key()).equals(q) || squash(f.label()).equals(q)) {
        return f;
      }
    }
    for (LeadField f : pack.leadFields()) {
      // "zip_code" names the field "zip"; "budget_range" the field "budget".
      if (q.startsWith(squash(f.key())) && q.length() - squash(f.key()).length() <= 5) {
        return f;
      }
    }
    return null;
  }

  private static Object formValue(LeadField f, String answer) {
    return switch (f.type()) {
      case MONEY, NUMBER -> answer.replaceAll("[$€£,\\s]", "");
      case BOOLEAN -> {
        String a = answer.toLowerCase(Locale.ROOT);
        yield a.equals("yes") || a.equals("true") || a.equals("y")
            ? Boolean.TRUE
            : a.equals("no") || a.equals("false") || a.equals("n") ? Boolean.FALSE : answer;
      }
      default -> answer;
    };
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
