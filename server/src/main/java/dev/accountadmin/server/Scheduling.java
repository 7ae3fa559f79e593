package dev.accountadmin.server;

import dev.accountadmin.domain.Schedules;
import dev.accountadmin.domain.Templates;

/** What the AccountAdmin edge needs for templates and scheduled offboardings. */
record Scheduling(Schedules schedules, Templates templates, TemplateOptions options) {}
