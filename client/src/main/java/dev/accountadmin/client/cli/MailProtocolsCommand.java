package dev.accountadmin.client.cli;

import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code acctadmin mail-protocols USER --enable pop3,imap | --none | --all}. */
@Command(name = "mail-protocols", description = "Choose which mail protocols reach a user's mailbox; every other one is turned off.")
final class MailProtocolsCommand implements Callable<Integer> {
  /** The protocols by the names an admin types. */
  enum Protocol {
    activesync(MailProtocol.MAIL_PROTOCOL_ACTIVE_SYNC),
    owa(MailProtocol.MAIL_PROTOCOL_OUTLOOK_WEB),
    mapi(MailProtocol.MAIL_PROTOCOL_MAPI),
    ews(MailProtocol.MAIL_PROTOCOL_EWS),
    pop3(MailProtocol.MAIL_PROTOCOL_POP3),
    imap(MailProtocol.MAIL_PROTOCOL_IMAP),
    smtp(MailProtocol.MAIL_PROTOCOL_SMTP_AUTH);

    final MailProtocol proto;

    Protocol(MailProtocol proto) {
      this.proto = proto;
    }
  }

  static final class Choice {
    @Option(names = "--enable", split = ",", paramLabel = "PROTOCOL",
        description = "The protocols to keep on: ${COMPLETION-CANDIDATES}.")
    List<Protocol> enable;

    @Option(names = "--none", description = "Turn every mail protocol off.")
    boolean none;

    @Option(names = "--all", description = "Turn every mail protocol on.")
    boolean all;
  }

  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  @ArgGroup(multiplicity = "1")
  Choice choice;

  @Override
  public Integer call() {
    var protocols = new ArrayList<MailProtocol>();
    if (choice.all) {
      for (var p : Protocol.values()) {
        protocols.add(p.proto);
      }
    } else if (choice.enable != null) {
      choice.enable.forEach(p -> protocols.add(p.proto));
    }
    var response = root.signedIn().call(s -> s.setMailProtocols(SetMailProtocolsRequest.newBuilder()
        .setName(target.name()).addAllEnabledProtocols(protocols).setValidateOnly(target.dryRun)
        .setRequestId(StepTarget.requestId()).build()));
    return StepOutput.print(root, target.user, response.getStep(), response);
  }
}
