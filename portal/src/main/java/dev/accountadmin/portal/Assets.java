package dev.accountadmin.portal;

/** Where the pages find their script and style; the htmx path follows the webjar's version (parent pom). */
public final class Assets {
  public static final String HTMX = "/webjars/htmx.org/2.0.4/dist/htmx.min.js";
  public static final String STYLE = "/static/portal.css";

  private Assets() {}
}
