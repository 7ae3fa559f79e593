package dev.accountadmin.connector.keycloak;

/** A user a test created in the test realm, with the password it was given. */
record TestUser(String id, String username, String email, String password) {}
