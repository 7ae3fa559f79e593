package dev.accountadmin.server.store;

import java.sql.SQLException;

/** A database failure; the gRPC edge reports it as INTERNAL without its SQL. */
public final class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}
