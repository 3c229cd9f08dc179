package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a handler's {@link Actor} parameter: from {@code Authorization: Bearer <API key>}, or,
 * when {@code omniflow.dev-auth.enabled} is true and no bearer token is sent, from the development
 * headers {@code X-Omniflow-Org-Id}, {@code X-Omniflow-User-Id} and optional {@code
 * X-Omniflow-Role} (capped at the membership's role). Anything else is {@code unauthenticated}.
 */
@Component
final class ActorResolver implements HandlerMethodArgumentResolver {
  static final String ORG_HEADER = "X-Omniflow-Org-Id";
  static final String USER_HEADER = "X-Omniflow-User-Id";
  static final String ROLE_HEADER = "X-Omniflow-Role";

  private final OmniFlow omniFlow;
  private final boolean devAuth;

  ActorResolver(OmniFlow omniFlow, ServerSettings settings) {
    this.omniFlow = omniFlow;
    this.devAuth = settings.devAuthEnabled();
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Actor.class;
  }

  @Override
  public Actor resolveArgument(
      MethodParameter parameter,
      @Nullable ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      @Nullable WebDataBinderFactory binderFactory) {
    Actor actor = resolve(webRequest);
    MDC.put(RequestIds.MDC_ORG_ID, actor.orgId().toString());
    return actor;
  }

  private Actor resolve(NativeWebRequest webRequest) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    String requestId = request == null ? null : RequestIds.of(request);
    String authorization = webRequest.getHeader("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      String[] parts = authorization.strip().split("\\s+", 2);
      if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
        throw OmniFlowException.unauthenticated("Send Authorization: Bearer <API key>.");
      }
      return omniFlow.apiKeys().authenticate(parts[1], requestId);
    }
    if (devAuth) {
      String org = webRequest.getHeader(ORG_HEADER);
      String user = webRequest.getHeader(USER_HEADER);
      if (org != null || user != null) {
        UUID orgId = uuid(ORG_HEADER, org);
        UUID userId = uuid(USER_HEADER, user);
        return omniFlow.authenticator().resolve(orgId, userId, role(webRequest), requestId);
      }
    }
    throw OmniFlowException.unauthenticated(
        devAuth
            ? "Send Authorization: Bearer <API key>, or the X-Omniflow-Org-Id and"
                + " X-Omniflow-User-Id headers."
            : "Send Authorization: Bearer <API key>.");
  }

  private static UUID uuid(String header, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw OmniFlowException.unauthenticated(header + " is missing.");
    }
    try {
      UUID id = UUID.fromString(value.strip());
      if (!id.toString().equalsIgnoreCase(value.strip())) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.unauthenticated(header + " is not a UUID.");
    }
  }

  private static @Nullable Role role(NativeWebRequest request) {
    String value = request.getHeader(ROLE_HEADER);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Role.parse(value);
    } catch (OmniFlowException e) {
      throw OmniFlowException.unauthenticated(
          ROLE_HEADER + " must be owner, admin, manager, agent or viewer.");
    }
  }
}
