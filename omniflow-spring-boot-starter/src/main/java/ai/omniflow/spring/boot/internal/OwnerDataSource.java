package ai.omniflow.spring.boot.internal;

import ai.omniflow.spring.boot.OmniFlowProperties;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** An unpooled DataSource for the schema owner, used once at start-up. Not API. */
public final class OwnerDataSource {
  private OwnerDataSource() {}

  public static DataSource of(OmniFlowProperties.Owner owner) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(Objects.requireNonNull(owner.getUrl(), "omniflow.jdbc.owner.url"));
    ds.setUser(owner.getUsername());
    ds.setPassword(owner.getPassword() == null ? "" : owner.getPassword());
    return ds;
  }
}
