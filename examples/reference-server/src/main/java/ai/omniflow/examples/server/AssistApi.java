package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.assist.IntentPrediction;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.fields.Problem;
import ai.omniflow.inbox.InboxErrors;
import ai.omniflow.pack.PackErrors;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AI-assist endpoints a host may call on its own text. {@code POST /inbox/classify} finds the
 * intent of a text in a pack's vocabulary with the classifier registered on OmniFlow (the offline
 * one by default). Any member may call it: it needs {@link Permission#PACKS_READ}, which every role
 * holds, since it reveals nothing but the pack's own definitions.
 */
@RestController
final class AssistApi {
  private final OmniFlow omniFlow;

  AssistApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /**
   * 200 with the intent, its confidence, the runner-up and the pack's words that matched; 422
   * {@code invalid_text} for a blank text or one over 4096 characters, {@code unknown_pack} for a
   * pack slug that no pack has, {@code no_pack_selected} when no slug is given and the org has no
   * pack.
   */
  @PostMapping("/inbox/classify")
  ClassifyView classify(Actor actor, @Valid @RequestBody Classify body) {
    Permission.PACKS_READ.check(actor);
    String text = body.text();
    if (text == null || text.isBlank()) {
      throw OmniFlowException.invalidInput("invalid_text", "text is required and not blank.");
    }
    if (text.length() > SuggestionRequest.MAX_TEXT) {
      throw OmniFlowException.invalidInput(
          "invalid_text", "text must be at most " + SuggestionRequest.MAX_TEXT + " characters.");
    }
    VerticalPack pack = pack(actor, body.packSlug());
    return ClassifyView.of(omniFlow.intentClassifier().classify(text, pack));
  }

  private VerticalPack pack(Actor actor, @Nullable String slug) {
    if (slug == null || slug.isBlank()) {
      return omniFlow
          .packs()
          .current(actor)
          .orElseThrow(
              () ->
                  OmniFlowException.invalidInput(
                      InboxErrors.NO_PACK_SELECTED,
                      "The org has no vertical pack selected; give pack_slug or select one."));
    }
    String wanted = slug.strip();
    List<VerticalPack> packs = omniFlow.packs().available(actor);
    return packs.stream()
        .filter(p -> p.slug().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                OmniFlowException.invalidInput(
                    PackErrors.UNKNOWN_PACK,
                    "No vertical pack has the slug '"
                        + Problem.clip(wanted)
                        + "'; available: "
                        + packs.stream().map(VerticalPack::slug).toList()
                        + "."));
  }

  record Classify(@Nullable String text, @Nullable String packSlug) {}

  record ClassifyView(
      String intent,
      double confidence,
      @Nullable String runnerUp,
      double runnerUpConfidence,
      List<String> matched) {
    static ClassifyView of(IntentPrediction p) {
      return new ClassifyView(
          p.intent(), p.confidence(), p.runnerUp(), p.runnerUpConfidence(), p.matched());
    }
  }
}
