package dev.accountadmin.domain;

/** Where a user of a batch stands; names match {@code accountadmin.v1.BatchItemState}. */
public enum BatchItemState { PENDING, DONE, FAILED }
