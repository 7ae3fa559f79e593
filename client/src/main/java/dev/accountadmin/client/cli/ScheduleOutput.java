package dev.accountadmin.client.cli;

import dev.accountadmin.v1.ScheduledOffboarding;
import java.util.HashMap;
import java.util.Map;

/** A scheduled offboarding as one line of text: its id, user, state and time. */
final class ScheduleOutput {
  private ScheduleOutput() {}

  static String id(ScheduledOffboarding s) {
    return s.getName().substring(s.getName().indexOf('/') + 1);
  }

  static String line(Acctadmin root, ScheduledOffboarding s) {
    return root.messages().render("cli.schedule.line", args(s));
  }

  static Map<String, Object> args(ScheduledOffboarding s) {
    var args = new HashMap<String, Object>();
    args.put("id", id(s));
    args.put("user", s.getUser().substring(s.getUser().indexOf('/') + 1));
    args.put("state", ApiNames.of(s.getState()));
    args.put("runTime", Render.instant(s.getRunTime()));
    args.put("timeZone", s.getTimeZone());
    args.put("error", s.getError().getReason());
    return args;
  }
}
