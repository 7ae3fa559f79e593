package dev.accountadmin.connector.keycloak;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the Keycloak of this run in the background as soon as the run begins, when the run holds
 * a Keycloak test: it boots (15 s on an idle machine, minutes on a busy one) while the other
 * tests run, instead of in front of the first Keycloak test. A run without one starts nothing.
 */
public final class KeycloakWarmStart implements TestExecutionListener {
  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    var ours = KeycloakServer.class.getPackageName() + ".";
    boolean wanted = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
        .anyMatch(test -> test.getSource().filter(ClassSource.class::isInstance)
            .map(source -> ((ClassSource) source).getClassName().startsWith(ours)).orElse(false));
    if (wanted) {
      KeycloakServer.startInBackground();
    }
  }

  /** Stops it at the end of the run even when no Keycloak test came to ask for it. */
  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    KeycloakServer.stopIfStarted();
  }
}
