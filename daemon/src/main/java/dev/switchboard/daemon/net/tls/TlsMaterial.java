package dev.switchboard.daemon.net.tls;

import dev.switchboard.daemon.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A service's certificate chain and private key, read and checked: the files are readable, the chain
 * parses, the key matches the leaf certificate, and the leaf is valid now. Read at start, by
 * {@code check}, and again on every reload, so a renewed certificate needs no restart.
 *
 * @param context the server context made from them
 * @param chain the chain, leaf first
 * @param source the file(s) it came from, for messages
 */
public record TlsMaterial(SSLContext context, List<X509Certificate> chain, String source) {

    /** A certificate that expires sooner than this after a start or reload is warned about. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(7);

    public TlsMaterial {
        chain = List.copyOf(chain);
    }

    /**
     * @param config the service's TLS settings; {@link TlsConfig#enabled()} must be true
     * @param now the moment the certificate must be valid at
     */
    public static TlsMaterial load(TlsConfig config, Instant now) throws TlsMaterialException {
        List<X509Certificate> chain;
        PrivateKey key;
        String source;
        try {
            if (config.keystore().isPresent()) {
                Path file = config.keystore().get();
                source = file.toString();
                char[] password = password(config.passwordFile().orElseThrow());
                KeyStore store = readable(file, f -> {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    try (InputStream in = Files.newInputStream(f)) {
                        ks.load(in, password);
                    }
                    return ks;
                });
                String alias = keyAlias(store, file);
                Key k = store.getKey(alias, password);
                if (!(k instanceof PrivateKey pk)) {
                    throw new TlsMaterialException(file + ": entry '" + alias + "' holds no private key");
                }
                key = pk;
                chain = new ArrayList<>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
            } else {
                Path certFile = config.certificate().orElseThrow();
                Path keyFile = config.key().orElseThrow();
                source = certFile + " and " + keyFile;
                chain = readable(certFile, PemFile::certificates);
                String algorithm = chain.get(0).getPublicKey().getAlgorithm();
                key = readable(keyFile, f -> PemFile.privateKey(f, algorithm));
                if (!matches(key, chain.get(0).getPublicKey())) {
                    throw new TlsMaterialException(keyFile + " is not the private key of the certificate in " + certFile
                            + " (" + chain.get(0).getSubjectX500Principal().getName() + "): use the key that "
                            + "certificate was issued for (certbot: privkey.pem next to fullchain.pem)");
                }
            }
            validNow(chain.get(0), source, now);
            return new TlsMaterial(context(key, chain), chain, source);
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(config.keystore().map(Path::toString).orElse(
                    config.certificate().map(Path::toString).orElse("")) + ": " + e.getMessage());
        }
    }

    /** @return the leaf certificate's expiry */
    public Instant notAfter() {
        return chain.get(0).getNotAfter().toInstant();
    }

    /** @return a warning when the leaf certificate expires within {@link #EXPIRY_WARNING} of {@code now} */
    public Optional<String> expiryWarning(Instant now) {
        Duration left = Duration.between(now, notAfter());
        if (left.compareTo(EXPIRY_WARNING) >= 0) {
            return Optional.empty();
        }
        return Optional.of("the certificate in " + source + " (" + subject() + ") expires in " + left.toHours()
                + " hours, at " + notAfter() + ": renew it (certbot renew) and reload");
    }

    /** @return the leaf's subject, e.g. {@code CN=example.org} */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    /** @return true when {@code other} holds the same certificate chain */
    public boolean sameChain(TlsMaterial other) {
        return chain.equals(other.chain);
    }

    private static void validNow(X509Certificate leaf, String source, Instant now) throws TlsMaterialException {
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new TlsMaterialException("the certificate in " + source + " (" + leaf.getSubjectX500Principal().getName()
                    + ") expired at " + leaf.getNotAfter().toInstant() + ": renew it (certbot renew)");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new TlsMaterialException("the certificate in " + source + " is not valid before "
                    + leaf.getNotBefore().toInstant() + ": check the machine's clock");
        }
    }

    /** Signs and verifies a few bytes: the one test that works for every key type. */
    private static boolean matches(PrivateKey key, PublicKey certificateKey) throws GeneralSecurityException {
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && certificateKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign as themselves
        };
        byte[] probe = "switchboard key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificateKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private static SSLContext context(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] none = new char[0];
        store.setKeyEntry("service", key, none, chain.toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, none);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static String keyAlias(KeyStore store, Path file) throws GeneralSecurityException, TlsMaterialException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new TlsMaterialException(file + ": the keystore holds no private key entry");
    }

    private static char[] password(Path file) throws TlsMaterialException {
        String text = readable(file, f -> Files.readString(f, StandardCharsets.UTF_8));
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Path file) throws IOException, GeneralSecurityException, TlsMaterialException;
    }

    private static <T> T readable(Path file, Reader<T> reader) throws TlsMaterialException {
        if (!Files.isReadable(file)) {
            throw new TlsMaterialException(file + (Files.exists(file) ? " is not readable by the daemon's user: "
                    + "fix its permissions (certbot: a deploy hook, or a group with read access)" : " does not exist"));
        }
        try {
            return reader.read(file);
        } catch (IOException e) {
            throw new TlsMaterialException(file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + subject() + ", expires " + notAfter() + ", " + Arrays.toString(new String[] {source}) + "]";
    }
}
