package ai.omniflow.assist;

import ai.omniflow.assist.spi.ReplySuggester;

class TemplateReplySuggesterKitTest extends ReplySuggesterCompatibilityKit {
  private final TemplateReplySuggester suggester = TemplateReplySuggester.ofDefaults();

  @Override
  protected ReplySuggester suggester() {
    return suggester;
  }
}
