package ai.omniflow.examples.server;

/**
 * The error codes the reference server's HTTP layer raises itself, beside the codes of core it
 * passes through (core's {@code *Errors} classes) and the kinds' default codes ({@link
 * ai.omniflow.OmniFlowException.Kind#defaultCode()}). docs/reference-server.md lists each; {@code
 * ServerWireNamesDocumentedTest} checks it. Codes built from a field name, {@code invalid_<field>},
 * follow core's convention and are not listed here.
 */
final class ServerErrors {
  /** {@code database_unavailable}: the health check could not reach the database (503). */
  static final String DATABASE_UNAVAILABLE = "database_unavailable";

  /** {@code missing_code}: an OAuth callback without {@code code} (400). */
  static final String MISSING_CODE = "missing_code";

  /** {@code missing_state}: an OAuth callback without {@code state} (400). */
  static final String MISSING_STATE = "missing_state";

  /** {@code oauth_denied}: the platform sent the browser back refusing access (400). */
  static final String OAUTH_DENIED = "oauth_denied";

  /** {@code not_mock_account}: the mock ingest named an account that is not a mock one (422). */
  static final String NOT_MOCK_ACCOUNT = "not_mock_account";

  /** {@code unknown_channel}: a channel id outside the channel vocabulary (422). */
  static final String UNKNOWN_CHANNEL = "unknown_channel";

  /**
   * {@code invalid_become_leads}: {@code PUT /org/lead-forms} without {@code become_leads} (422).
   */
  static final String INVALID_BECOME_LEADS = "invalid_become_leads";

  /** {@code unknown_property}: a JSON body with a property the endpoint does not take (422). */
  static final String UNKNOWN_PROPERTY = "unknown_property";

  /** {@code wrong_type}: a JSON value of the wrong type; no scalar is coerced (400). */
  static final String WRONG_TYPE = "wrong_type";

  /** {@code malformed_json}: a body that is not JSON (400). */
  static final String MALFORMED_JSON = "malformed_json";

  /** {@code method_not_allowed}: the path exists, the method does not (405). */
  static final String METHOD_NOT_ALLOWED = "method_not_allowed";

  /** {@code unsupported_media_type}: a body that is not {@code application/json} (415). */
  static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

  /** {@code not_acceptable}: an {@code Accept} the endpoint cannot answer (406). */
  static final String NOT_ACCEPTABLE = "not_acceptable";

  /** {@code payload_too_large}: a body over {@code omniflow.server.max-request-body} (413). */
  static final String PAYLOAD_TOO_LARGE = "payload_too_large";

  /** {@code internal_error}: a failure of the server itself; the body says nothing more (500). */
  static final String INTERNAL_ERROR = "internal_error";

  private ServerErrors() {}
}
