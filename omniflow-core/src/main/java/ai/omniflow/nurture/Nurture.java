package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pack's nurture section: the message templates its playbooks send, in the pack's language and in
 * others, and the playbooks. {@code PackValidator} checks it with the rest of the pack (template
 * slots, {@link PlaybookValidator#problems} against the templates and intents).
 *
 * <pre>{@code
 * Nurture nurture = new Nurture(
 *     Map.of("check_in", "Hi {contact_first_name}, still looking?"),
 *     Map.of("es", Map.of("check_in", "Hola {contact_first_name}, ¿sigue buscando?")),
 *     List.of(gentleFollowUp));
 * Optional<Playbook> p = nurture.playbook("gentle-follow-up");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param templates message text per template key, in the pack's default language, with the {@code
 *     {slot}} placeholders reply templates use; at most {@value #MAX_TEMPLATES}, each 1 to {@value
 *     #MAX_TEMPLATE} characters
 * @param localizedTemplates the same keys' text in other languages, by language code
 * @param playbooks the pack's playbooks, keys unique, at most {@value #MAX_PLAYBOOKS}
 */
public record Nurture(
    Map<String, String> templates,
    Map<String, Map<String, String>> localizedTemplates,
    List<Playbook> playbooks) {

  /** A section with nothing in it: a pack without nurture. */
  public static final Nurture EMPTY = new Nurture(Map.of(), Map.of(), List.of());

  /** The most templates per language. */
  public static final int MAX_TEMPLATES = 100;

  /** The longest template text. */
  public static final int MAX_TEMPLATE = 2000;

  /** The most other languages. */
  public static final int MAX_LANGUAGES = 20;

  /** The most playbooks of one pack. */
  public static final int MAX_PLAYBOOKS = 50;

  /**
   * Copies the maps and list and checks their bounds; the rules across them (keys, slots, the
   * playbooks against the templates) are {@code PackValidator}'s.
   *
   * @throws OmniFlowException {@code invalid_playbook} if a bound is broken or two playbooks share
   *     a key
   * @throws NullPointerException if a value is null
   */
  public Nurture {
    templates = Map.copyOf(templates);
    Map<String, Map<String, String>> localized = new HashMap<>();
    localizedTemplates.forEach((language, t) -> localized.put(language, Map.copyOf(t)));
    localizedTemplates = Map.copyOf(localized);
    playbooks = List.copyOf(playbooks);
    if (templates.size() > MAX_TEMPLATES
        || localizedTemplates.size() > MAX_LANGUAGES
        || localizedTemplates.values().stream().anyMatch(t -> t.size() > MAX_TEMPLATES)) {
      throw invalid(
          "it may have at most "
              + MAX_TEMPLATES
              + " templates per language and "
              + MAX_LANGUAGES
              + " other languages");
    }
    for (Map<String, String> t : localizedTemplates.values()) {
      checkTexts(t);
    }
    checkTexts(templates);
    if (playbooks.size() > MAX_PLAYBOOKS) {
      throw invalid("it may have at most " + MAX_PLAYBOOKS + " playbooks");
    }
    Set<String> keys = new HashSet<>();
    for (Playbook p : playbooks) {
      if (!keys.add(p.key())) {
        throw invalid("the playbook key '" + p.key() + "' is used twice");
      }
    }
  }

  /** The playbook with {@code key}, if the section has one. */
  public Optional<Playbook> playbook(String key) {
    Objects.requireNonNull(key, "key");
    return playbooks.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /**
   * The text of template {@code key} in {@code language}, falling back to the default language's
   * when the section has none in that language.
   */
  public Optional<String> template(String key, String language) {
    Map<String, String> local = localizedTemplates.get(language);
    if (local != null && local.containsKey(key)) {
      return Optional.of(local.get(key));
    }
    return Optional.ofNullable(templates.get(key));
  }

  private static void checkTexts(Map<String, String> texts) {
    for (String text : texts.values()) {
      if (text.isBlank() || text.length() > MAX_TEMPLATE || text.indexOf('\0') >= 0) {
        throw invalid("a nurture template is 1 to " + MAX_TEMPLATE + " characters");
      }
    }
  }

  private static OmniFlowException invalid(String message) {
    return OmniFlowException.invalidInput(
        NurtureErrors.INVALID_PLAYBOOK, "The nurture section is not valid: " + message + ".");
  }
}
