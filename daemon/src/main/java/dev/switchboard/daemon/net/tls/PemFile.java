package dev.switchboard.daemon.net.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files certbot and openssl write: a certificate chain, and a private key in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}) form. The
 * JDK reads PKCS#8 only, so the two traditional forms are wrapped into PKCS#8 first (RFC 5208, RFC 5915).
 */
final class PemFile {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] RSA_ENCRYPTION = Der.oid(1, 2, 840, 113549, 1, 1, 1);
    private static final byte[] EC_PUBLIC_KEY = Der.oid(1, 2, 840, 10045, 2, 1);

    private record Block(String label, byte[] der) {
    }

    private PemFile() {
    }

    /** @return the certificates in file order, leaf first */
    static List<X509Certificate> certificates(Path file) throws IOException, TlsMaterialException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsMaterialException(file + ": a certificate in it does not parse: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new TlsMaterialException(file + ": no '-----BEGIN CERTIFICATE-----' block: expected a PEM "
                    + "certificate chain such as certbot's fullchain.pem");
        }
        return chain;
    }

    /**
     * @param algorithm the certificate's key algorithm ({@code RSA}, {@code EC}, {@code EdDSA}), tried first
     * @return the private key
     */
    static PrivateKey privateKey(Path file, String algorithm) throws IOException, TlsMaterialException {
        for (Block b : blocks(file)) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(file, b.der(), algorithm);
                case "RSA PRIVATE KEY":
                    return pkcs8(file, Der.sequence(Der.integerZero(), Der.sequence(RSA_ENCRYPTION, Der.NULL),
                            Der.octetString(b.der())), "RSA");
                case "EC PRIVATE KEY":
                    byte[] curve = Der.ecCurve(b.der()).orElseThrow(() -> new TlsMaterialException(file
                            + ": the EC key does not name its curve: convert it with 'openssl pkcs8 -topk8 -nocrypt'"));
                    return pkcs8(file, Der.sequence(Der.integerZero(), Der.sequence(EC_PUBLIC_KEY, curve),
                            Der.octetString(b.der())), "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsMaterialException(file + ": the key is encrypted: the daemon starts unattended, so "
                            + "store it decrypted and readable only by the daemon's user (openssl pkey -in KEY -out KEY2)");
                default:
                    // EC PARAMETERS and other blocks before the key
            }
        }
        throw new TlsMaterialException(file + ": no private key block ('-----BEGIN PRIVATE KEY-----', "
                + "'RSA PRIVATE KEY' or 'EC PRIVATE KEY')");
    }

    private static PrivateKey pkcs8(Path file, byte[] der, String preferred) throws TlsMaterialException {
        List<String> algorithms = new ArrayList<>(List.of(preferred, "RSA", "EC", "EdDSA", "RSASSA-PSS"));
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this algorithm; try the next
            }
        }
        throw new TlsMaterialException(file + ": the private key does not parse as RSA, EC or EdDSA");
    }

    private static List<Block> blocks(Path file) throws IOException, TlsMaterialException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsMaterialException(file + ": the " + m.group(1) + " block is not valid base64");
            }
        }
        return blocks;
    }

    /** The little DER the two key wrappings need. */
    static final class Der {

        static final byte[] NULL = {0x05, 0x00};

        private Der() {
        }

        static byte[] integerZero() {
            return new byte[] {0x02, 0x01, 0x00};
        }

        static byte[] sequence(byte[]... parts) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                body.writeBytes(p);
            }
            return tagged(0x30, body.toByteArray());
        }

        static byte[] octetString(byte[] content) {
            return tagged(0x04, content);
        }

        static byte[] oid(int... arcs) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(arcs[0] * 40 + arcs[1]);
            for (int i = 2; i < arcs.length; i++) {
                int arc = arcs[i];
                int shift = 28;
                while (shift > 0 && (arc >>> shift) == 0) {
                    shift -= 7;
                }
                for (; shift > 0; shift -= 7) {
                    body.write(0x80 | ((arc >>> shift) & 0x7f));
                }
                body.write(arc & 0x7f);
            }
            return tagged(0x06, body.toByteArray());
        }

        /** @return the curve's OID (tag and all) from a SEC 1 ECPrivateKey's {@code [0] parameters} */
        static java.util.Optional<byte[]> ecCurve(byte[] sec1) {
            try {
                int[] pos = {0};
                expect(sec1, pos, 0x30);
                length(sec1, pos);
                while (pos[0] < sec1.length) {
                    int tag = sec1[pos[0]++] & 0xff;
                    int len = length(sec1, pos);
                    if (tag == 0xa0) {
                        return java.util.Optional.of(java.util.Arrays.copyOfRange(sec1, pos[0], pos[0] + len));
                    }
                    pos[0] += len;
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                // truncated: no curve to be found
            }
            return java.util.Optional.empty();
        }

        private static void expect(byte[] der, int[] pos, int tag) {
            if ((der[pos[0]++] & 0xff) != tag) {
                throw new ArrayIndexOutOfBoundsException("unexpected tag");
            }
        }

        private static int length(byte[] der, int[] pos) {
            int first = der[pos[0]++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int len = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                len = (len << 8) | (der[pos[0]++] & 0xff);
            }
            return len;
        }

        private static byte[] tagged(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int n = content.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >>> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >>> 16);
                out.write(n >>> 8);
                out.write(n);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }
    }
}
