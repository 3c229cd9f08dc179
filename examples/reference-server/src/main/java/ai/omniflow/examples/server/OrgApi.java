package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.examples.server.Api.OrgView;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.TenancyErrors;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's org and its settings: {@code GET /org}; {@code PUT /org/time-zone}, the zone that
 * lead extraction counts days in and that SLA calendars default to; {@code GET|PUT
 * /org/lead-forms}, whether a submitted lead-ad form becomes a lead at once; and {@code GET|PUT
 * /org/help-text}, what an inbound HELP is answered with.
 */
@RestController
final class OrgApi {
  private final OmniFlow omniFlow;

  OrgApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** The org with its pack, region and time zone ({@code null} until one is set). */
  @GetMapping("/org")
  OrgView org(Actor actor) {
    return OrgView.of(omniFlow.tenancy().org(actor));
  }

  /**
   * Sets the org's IANA time zone (admins and owners): 200 with the org; 422 {@code
   * invalid_time_zone} for a missing zone, a bare offset or one the JDK does not know (the value is
   * never echoed); 403 for agents and viewers. Setting the zone it has already changes nothing and
   * records no event.
   */
  @PutMapping("/org/time-zone")
  OrgView setTimeZone(Actor actor, @Valid @RequestBody TimeZoneBody body) {
    String zone = body.timeZone();
    if (zone == null) {
      throw ai.omniflow.OmniFlowException.invalidInput(
          TenancyErrors.INVALID_TIME_ZONE, "time_zone is required.");
    }
    Limits.text("time_zone", zone, Limits.MAX_ID);
    return OrgView.of(omniFlow.tenancy().setTimeZone(actor, zone));
  }

  record TimeZoneBody(@Nullable String timeZone) {}

  /** Whether the org's lead-ad forms become leads at once ({@code true} unless turned off). */
  @GetMapping("/org/lead-forms")
  LeadFormsBody leadForms(Actor actor) {
    return new LeadFormsBody(omniFlow.tenancy().org(actor).leadFormsBecomeLeads());
  }

  /**
   * Turns the conversion of lead-ad forms into leads on or off (admins and owners): 200 with the
   * setting; 422 {@code invalid_become_leads} without {@code become_leads}; 400 {@code wrong_type}
   * for anything but {@code true} or {@code false}; 403 for agents and viewers. Setting the value
   * it has already changes nothing and records no event.
   */
  @PutMapping("/org/lead-forms")
  LeadFormsBody setLeadForms(Actor actor, @Valid @RequestBody LeadFormsBody body) {
    Boolean on = body.becomeLeads();
    if (on == null) {
      throw ai.omniflow.OmniFlowException.invalidInput(
          ServerErrors.INVALID_BECOME_LEADS, "become_leads is required: true or false.");
    }
    return new LeadFormsBody(
        omniFlow.tenancy().setLeadFormsBecomeLeads(actor, on).leadFormsBecomeLeads());
  }

  /** {@code {"become_leads": true}}. */
  record LeadFormsBody(@Nullable Boolean becomeLeads) {}

  /**
   * The org's help text ({@code null}: the default) and what an inbound HELP gets now in English
   * ({@code answer}).
   */
  @GetMapping("/org/help-text")
  HelpTextView helpText(Actor actor) {
    return HelpTextView.of(omniFlow.tenancy().org(actor));
  }

  /**
   * Sets what an inbound HELP is answered with (admins and owners), or {@code null} (or no {@code
   * help_text}) for the default: 200 with the setting; 422 {@code invalid_help_text} for a blank
   * text, one over 320 characters or one holding NUL (never echoed); 400 {@code wrong_type} for
   * anything but a string; 403 for agents and viewers. Setting the text it has already changes
   * nothing and records no event.
   */
  @PutMapping("/org/help-text")
  HelpTextView setHelpText(Actor actor, @Valid @RequestBody HelpTextBody body) {
    return HelpTextView.of(omniFlow.tenancy().setHelpText(actor, body.helpText()));
  }

  /** {@code {"help_text": "…"}}. */
  record HelpTextBody(@Nullable String helpText) {}

  /** The stored help text, or {@code null}, and the answer an English HELP gets. */
  record HelpTextView(@Nullable String helpText, String answer) {
    static HelpTextView of(ai.omniflow.tenancy.Org o) {
      return new HelpTextView(o.helpText(), o.helpReply(null));
    }
  }
}
