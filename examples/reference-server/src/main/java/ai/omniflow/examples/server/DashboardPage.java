package ai.omniflow.examples.server;

import ai.omniflow.tenancy.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /}: the dashboard ({@link DashboardFigures}, and the SLA figures of {@link
 * DashboardSpeed}).
 */
@Controller
final class DashboardPage {
  private final Pages pages;
  private final DashboardFigures figures;
  private final DashboardSpeed speed;

  DashboardPage(Pages pages, DashboardFigures figures, DashboardSpeed speed) {
    this.pages = pages;
    this.figures = figures;
    this.speed = speed;
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  String dashboard(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    Pages.Zone zone = pages.frame(actor, who, "dashboard", model);
    model.addAttribute("figures", figures.of(actor, zone.id()));
    model.addAttribute("model", DashboardFigures.MODEL);
    model.addAttribute("urgent", speed.urgent(actor));
    model.addAttribute("speed", speed.thisWeek(actor, zone));
    return "dashboard";
  }
}
