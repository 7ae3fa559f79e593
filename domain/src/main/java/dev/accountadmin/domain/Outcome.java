package dev.accountadmin.domain;

/** What a step did; names match {@code accountadmin.v1.StepOutcome}. */
public enum Outcome {
  DONE,
  ALREADY_DONE,
  NOT_REQUESTED,
  DENIED,
  FAILED,
  PLANNED,
  /** The user's directory has no counterpart for the step: reported as such, never as done. */
  NOT_APPLICABLE
}
