package dev.accountadmin.server.store;

import dev.accountadmin.domain.UnitOfWork;
import java.sql.Connection;
import java.time.Clock;

/** A unit of work on one JDBC connection, inside its transaction. */
record JdbcUnitOfWork(Connection c, Dialect dialect, Clock clock) implements UnitOfWork {
  @Override
  public Users users() {
    return new UserStore(c, dialect);
  }

  @Override
  public Credentials credentials() {
    return new CredentialStore(c);
  }

  @Override
  public Sessions sessions() {
    return new SessionStore(c);
  }

  @Override
  public AuditTrail audit() {
    return new AuditStore(c, dialect, clock);
  }

  @Override
  public MailSubmissions mail() {
    return new MailSubmissionStore(c);
  }

  @Override
  public SignInFailures signInFailures() {
    return new SignInFailureStore(c);
  }

  @Override
  public Batches batches() {
    return new BatchStore(c);
  }

  @Override
  public KeptResponses keptResponses() {
    return new KeptResponseStore(c);
  }

  @Override
  public ServerSecrets secrets() {
    return new SecretStore(c);
  }

  @Override
  public Devices devices() {
    return new DeviceStore(c);
  }

  @Override
  public Memberships memberships() {
    return new MembershipStore(c, dialect);
  }

  @Override
  public ExternalUsers externalUsers() {
    return new ExternalUserStore(c);
  }

  @Override
  public Methods methods() {
    return new MethodStore(c);
  }

  @Override
  public ScheduledOffboardings schedules() {
    return new ScheduleStore(c, dialect);
  }

  @Override
  public OffboardingTemplates templates() {
    return new TemplateStore(c);
  }

  @Override
  public FileAccess fileAccess() {
    return new FileAccessStore(c);
  }

  @Override
  public Mailboxes mailboxes() {
    return new MailboxStore(c);
  }

  @Override
  public Recoveries recoveries() {
    return new RecoveryStore(c, dialect);
  }
}
