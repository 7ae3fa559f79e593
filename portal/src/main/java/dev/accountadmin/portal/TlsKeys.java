package dev.accountadmin.portal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The portal's TLS identity as a key store for Jetty: a PKCS#12 key store as configured, or one
 * built in memory from a PEM certificate chain and an unencrypted PKCS#8 key (what certbot and
 * most CAs hand out).
 */
final class TlsKeys {
  /** The in-memory key store's password: it never reaches a disk. */
  static final String PASSWORD = "portal";
  private static final Pattern PEM_KEY = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private TlsKeys() {}

  static KeyStore keyStore(PortalSettings settings) {
    try {
      if (settings.keystore() != null) {
        var given = KeyStore.getInstance("PKCS12");
        var password = settings.keystorePassword() == null ? new char[0] : settings.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(settings.keystore())) {
          given.load(in, password);
        }
        // Re-keyed under our password, so Jetty needs only one.
        var store = empty();
        for (var alias : java.util.Collections.list(given.aliases())) {
          if (given.isKeyEntry(alias)) {
            store.setKeyEntry("portal", given.getKey(alias, password), PASSWORD.toCharArray(), given.getCertificateChain(alias));
            return store;
          }
        }
        throw new IllegalArgumentException("the key store " + settings.keystore() + " holds no private key");
      }
      var chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(settings.tlsCert())))
          .toArray(new Certificate[0]);
      var store = empty();
      store.setKeyEntry("portal", privateKey(Files.readString(settings.tlsKey(), StandardCharsets.US_ASCII)),
          PASSWORD.toCharArray(), chain);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the portal's TLS certificate or key: " + e.getClass().getSimpleName(), e);
    }
  }

  private static KeyStore empty() throws IOException, GeneralSecurityException {
    var store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    var matcher = PEM_KEY.matcher(pem);
    if (!matcher.find()) {
      throw new GeneralSecurityException("not an unencrypted PKCS#8 PEM key");
    }
    var der = Base64.getMimeDecoder().decode(matcher.group(1));
    for (var algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // the next algorithm
      }
    }
    throw new GeneralSecurityException("a key of an algorithm the portal does not know");
  }
}
