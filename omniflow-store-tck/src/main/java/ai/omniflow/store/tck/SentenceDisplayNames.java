package ai.omniflow.store.tck;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names each test of the kit by its method name read as words, so that under its suite's {@link
 * org.junit.jupiter.api.DisplayName} it reads as a sentence: {@code
 * leaveNothingBehindWhenTheWorkThrows} becomes "leave nothing behind when the work throws".
 * Acronyms such as {@code API} keep their capitals. Not API.
 */
final class SentenceDisplayNames extends DisplayNameGenerator.Standard {

  /** Between a lower-case letter or digit and a capital, and before the last capital of a run. */
  private static final Pattern WORD_BOUNDARY =
      Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

  SentenceDisplayNames() {}

  @Override
  public String generateDisplayNameForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    if (testMethod.getParameterCount() > 0) {
      return super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
    }
    return sentence(testMethod.getName());
  }

  /** {@code aTakenEmailConflicts} → "a taken email conflicts"; {@code anAPIKey} → "an API key". */
  static String sentence(String camelCase) {
    StringBuilder out = new StringBuilder(camelCase.length() + 16);
    for (String word : WORD_BOUNDARY.split(camelCase)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
      out.append(acronym ? word : word.toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
