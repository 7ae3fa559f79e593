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
    // One sentence per state; a state this CLI does not know reads as still scheduled.
    var state = switch (s.getState()) {
      case SCHEDULE_STATE_DONE, SCHEDULE_STATE_FAILED, SCHEDULE_STATE_CANCELLED -> ApiNames.of(s.getState());
      case SCHEDULE_STATE_SCHEDULED, SCHEDULE_STATE_UNSPECIFIED, UNRECOGNIZED -> "SCHEDULED";
    };
    return root.messages().render("cli.schedule." + state, args(root, s));
  }

  static Map<String, Object> args(Acctadmin root, ScheduledOffboarding s) {
    var args = new HashMap<String, Object>();
    args.put("id", id(s));
    args.put("user", s.getUser().substring(s.getUser().indexOf('/') + 1));
    args.put("runTime", Render.instant(s.getRunTime()));
    args.put("timeZone", s.getTimeZone());
    args.put("error", s.hasError() ? root.messages().renderError(s.getError().getReason(), s.getError().getMetadataMap()) : "");
    return args;
  }
}
