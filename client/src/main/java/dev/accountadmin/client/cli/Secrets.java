package dev.accountadmin.client.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** Removes generated passwords from a response before it is printed as JSON without --show-password. */
final class Secrets {
  private Secrets() {}

  static Message redact(Message message) {
    var builder = message.toBuilder();
    for (var entry : message.getAllFields().entrySet()) {
      var field = entry.getKey();
      if (field.getName().equals("temporary_password")) {
        builder.clearField(field);
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (field.isRepeated()) {
          builder.clearField(field);
          for (var item : (java.util.List<?>) entry.getValue()) {
            builder.addRepeatedField(field, redact((Message) item));
          }
        } else {
          builder.setField(field, redact((Message) entry.getValue()));
        }
      }
    }
    return builder.build();
  }
}
