package ai.omniflow.spring.boot;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code omniflow.*} settings the starter reads.
 *
 * <pre>{@code
 * omniflow.jdbc.schema=omniflow
 * omniflow.jdbc.verify-rls=true
 * omniflow.jdbc.owner.url=jdbc:postgresql://db:5432/app
 * }</pre>
 *
 * <p>Mutable, as Spring binds it; not thread-safe while binding.
 */
@ConfigurationProperties("omniflow")
public class OmniFlowProperties {
  /** Settings of the PostgreSQL store, used when omniflow-jdbc is on the classpath. */
  private final Jdbc jdbc = new Jdbc();

  public Jdbc getJdbc() {
    return jdbc;
  }

  /** Settings of the PostgreSQL store. */
  public static class Jdbc {
    /** Schema that holds OmniFlow's tables. */
    private String schema = "omniflow";

    /** Role the application's DataSource connects as; checked by the start-up verification. */
    private String appRole = "omniflow_app";

    /**
     * Whether to check at start-up, as the schema owner, that row-level security is enabled and
     * forced on every tenant table. Runs only when owner credentials are configured.
     */
    private boolean verifyRls = true;

    /** Credentials of the schema's owner, for start-up verification. */
    private final Owner owner = new Owner();

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    public String getAppRole() {
      return appRole;
    }

    public void setAppRole(String appRole) {
      this.appRole = appRole;
    }

    public boolean isVerifyRls() {
      return verifyRls;
    }

    public void setVerifyRls(boolean verifyRls) {
      this.verifyRls = verifyRls;
    }

    public Owner getOwner() {
      return owner;
    }
  }

  /** How to connect as the owner of OmniFlow's schema. */
  public static class Owner {
    /** JDBC URL of the database, e.g. {@code jdbc:postgresql://db:5432/app}; unset disables it. */
    private @Nullable String url;

    /** User name of the schema's owner. */
    private @Nullable String username;

    /** Password of the schema's owner. */
    private @Nullable String password;

    public @Nullable String getUrl() {
      return url;
    }

    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    /** Whether enough is configured to connect as the owner. */
    public boolean isConfigured() {
      return url != null && !url.isBlank() && username != null && !username.isBlank();
    }
  }
}
