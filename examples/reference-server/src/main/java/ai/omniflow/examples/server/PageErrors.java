package ai.omniflow.examples.server;

import ai.omniflow.OmniFlowException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the pages as pages, never a stack trace: an {@link OmniFlowException} shows its own
 * message (cut and cleaned of control characters as a problem's detail is: {@link Problems#shown})
 * with its status; anything else a 500 saying only that the server failed, with the request id, and
 * the details in the log. A page request whose member is gone goes back to sign-in. For an htmx
 * request the message alone is swapped into the page's alert area (a form boosted by htmx included,
 * leaving the address bar as it was). The JSON API keeps its problem bodies ({@link Problems}):
 * this advice applies to the page controllers only, every one of them ({@code
 * PageErrorsCoverageTest} fails when a page controller is missing from the list).
 */
@ControllerAdvice(
    assignableTypes = {
      DashboardPage.class,
      InboxPage.class,
      LeadsPage.class,
      LeadTasksPage.class,
      LeadNurturePage.class,
      SignInPage.class,
      RoutingSettingsPage.class,
      MembersSettingsPage.class,
      PackSettingsPage.class,
      PackOverridePage.class,
      SlaSettingsPage.class,
      SlaPolicyForm.class,
      SlaCalendarsForm.class,
      SlaEscalationForm.class,
      SlaDaysForm.class,
      AttributionPage.class,
      OAuthCallbackPage.class,
      ConnectorsPage.class
    })
@Order(Ordered.HIGHEST_PRECEDENCE)
final class PageErrors {
  private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

  @ExceptionHandler(OmniFlowException.class)
  ModelAndView omniFlow(
      OmniFlowException e, HttpServletRequest request, HttpServletResponse response) {
    if (e.kind() == OmniFlowException.Kind.UNAUTHENTICATED) {
      return new ModelAndView("redirect:/signin?expired");
    }
    ModelAndView mv =
        page(request, response, HttpStatus.valueOf(e.kind().httpStatus()), e.getMessage());
    mv.addObject("code", e.code());
    return mv;
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
    LOG.error("Page request {} failed", RequestIds.of(request), e);
    return page(
        request,
        response,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "The server failed to answer. The log has the details under request id "
            + RequestIds.of(request)
            + ".");
  }

  private static ModelAndView page(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message) {
    ModelAndView mv;
    if (request.getHeader("HX-Request") != null) {
      // htmx swaps only 2xx answers by default: answer 200 and retarget to the alert area.
      response.setHeader("HX-Retarget", "#alerts");
      response.setHeader("HX-Reswap", "innerHTML");
      // A boosted form would otherwise push its action's address into the history.
      response.setHeader("HX-Push-Url", "false");
      mv = new ModelAndView("fragments :: alert");
      mv.setStatus(HttpStatus.OK);
    } else {
      mv = new ModelAndView("error-page");
      mv.setStatus(status);
      mv.addObject("status", status.value());
      mv.addObject("title", status.getReasonPhrase());
    }
    mv.addObject("message", Problems.shown(message));
    return mv;
  }
}
