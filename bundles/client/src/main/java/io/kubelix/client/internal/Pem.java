package io.kubelix.client.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * PEM certificates and private keys as kubeconfigs carry them: PKCS#8 ({@code PRIVATE KEY}),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}, what kubeadm writes) and SEC1 EC ({@code EC PRIVATE KEY},
 * what {@code openssl ecparam -genkey} writes). The older formats are re-wrapped as PKCS#8, the only
 * one the JDK reads.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ENCRYPTION = oid("1.2.840.113549.1.1.1");
    private static final byte[] EC_PUBLIC_KEY = oid("1.2.840.10045.2.1");

    private Pem() {
    }

    /** Every certificate in a PEM text, in order. */
    public static List<X509Certificate> certificates(String pem, String what) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(
                    pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no PEM certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + " is not a valid PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The (first) private key in a PEM text. */
    public static PrivateKey privateKey(String pem, String what) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String label = m.group(1);
            if (!label.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (label.equals("ENCRYPTED PRIVATE KEY") || m.group(2).contains("Proc-Type: 4,ENCRYPTED")) {
                throw new IllegalArgumentException(what + " is an encrypted private key; the client needs it "
                        + "unencrypted (openssl pkey -in key.pem -out plain.pem)");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": the " + label + " block is not valid base64", e);
            }
            try {
                return switch (label) {
                    case "PRIVATE KEY" -> pkcs8(der, what);
                    case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(sequence(RSA_ENCRYPTION, new byte[] {0x05, 0x00}), der)));
                    case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(sequence(EC_PUBLIC_KEY, sec1Curve(der, what)), der)));
                    default -> throw new IllegalArgumentException(what + ": unsupported key type \"" + label
                            + "\"; use an RSA or EC key in PKCS#8, PKCS#1 or SEC1 form");
                };
            } catch (GeneralSecurityException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(what + ": the " + label + " cannot be read: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(what + " holds no PEM private key (-----BEGIN ... PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(byte[] der, String what) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not an RSA, EC or EdDSA key (" + last.getMessage() + ")", last);
    }

    /** The named-curve OID (as a whole TLV) in a SEC1 ECPrivateKey's [0] parameters. */
    private static byte[] sec1Curve(byte[] der, String what) {
        Der outer = new Der(der, 0);
        if (outer.tag != 0x30) {
            throw new IllegalArgumentException(what + ": the EC PRIVATE KEY is not a DER sequence");
        }
        int pos = outer.valueStart;
        while (pos < outer.end()) {
            Der field = new Der(der, pos);
            if (field.tag == (byte) 0xA0) {
                Der curve = new Der(der, field.valueStart);
                if (curve.tag != 0x06) {
                    break;
                }
                return java.util.Arrays.copyOfRange(der, curve.start, curve.end());
            }
            pos = field.end();
        }
        throw new IllegalArgumentException(what + ": the EC PRIVATE KEY names no curve; write it with "
                + "openssl pkcs8 -topk8 -nocrypt");
    }

    private static byte[] wrapPkcs8(byte[] algorithmIdentifier, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithmIdentifier, tlv(0x04, key)));
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            int groups = 1;
            while ((v >>> (7 * groups)) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((v >>> (7 * g)) & 0x7F) | (g == 0 ? 0 : 0x80));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    /** One DER element header. */
    private static final class Der {
        final int start;
        final byte tag;
        final int valueStart;
        final int length;

        Der(byte[] der, int start) {
            this.start = start;
            this.tag = der[start];
            int first = der[start + 1] & 0xFF;
            if (first < 0x80) {
                length = first;
                valueStart = start + 2;
            } else {
                int n = first & 0x7F;
                int len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[start + 2 + i] & 0xFF);
                }
                length = len;
                valueStart = start + 2 + n;
            }
            if (valueStart + length > der.length || length < 0) {
                throw new IndexOutOfBoundsException("DER element at " + start + " runs past the end");
            }
        }

        int end() {
            return valueStart + length;
        }
    }
}
