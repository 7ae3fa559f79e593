package dev.accountadmin.server;

import dev.accountadmin.v1.MailFlowGrpc;

/** The MailFlow gRPC edge; message submission arrives with the outbound mail policy. */
final class MailFlowService extends MailFlowGrpc.MailFlowImplBase {}
