package dev.accountadmin.domain;

import java.util.Set;

/** What CreateUser is given: a name, optional display name and language, optional roles. */
public record NewUser(UserName name, String displayName, String preferredLanguage, Set<Role> roles) {}
