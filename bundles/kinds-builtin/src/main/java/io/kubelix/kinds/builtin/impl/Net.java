package io.kubelix.kinds.builtin.impl;

/**
 * IP address and CIDR syntax, checked by hand: {@code InetAddress} would resolve anything that
 * does not parse as a literal, and validation must never touch DNS.
 */
final class Net {
    private Net() {
    }

    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    /** Dotted decimal; leading zeros are rejected as Kubernetes does for new objects (they are ambiguous). */
    static boolean isIpv4(String s) {
        if (s == null) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (char c : p.toCharArray()) {
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s == null || s.indexOf(':') < 0) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon < 0) {
            return groups(s, true) == 8;
        }
        int headGroups = groups(s.substring(0, doubleColon), false);
        int tailGroups = groups(s.substring(doubleColon + 2), true);
        // "::" stands for at least one zero group
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
    }

    /** Counts 16-bit groups in a colon-separated run; -1 if malformed. An IPv4 tail counts as two. */
    private static int groups(String run, boolean ipv4TailAllowed) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && p.contains(".")) {
                if (!isIpv4(p)) {
                    return -1;
                }
                count += 2;
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return -1;
            }
            for (char c : p.toCharArray()) {
                if (Character.digit(c, 16) < 0) {
                    return -1;
                }
            }
            count++;
        }
        return count;
    }

    /** "10.0.0.0/8" or "fd00::/64". */
    static boolean isCidr(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
                || (bits.length() > 1 && bits.charAt(0) == '0')) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (isIpv4(ip)) {
            return prefix <= 32;
        }
        return isIpv6(ip) && prefix <= 128;
    }

    static boolean isLoopback(String ip) {
        return (isIpv4(ip) && ip.startsWith("127.")) || "::1".equals(ip) || "0:0:0:0:0:0:0:1".equals(ip);
    }

    /** 169.254.0.0/16 and fe80::/10. */
    static boolean isLinkLocal(String ip) {
        if (isIpv4(ip)) {
            return ip.startsWith("169.254.");
        }
        String lower = ip.toLowerCase(java.util.Locale.ROOT);
        return isIpv6(ip) && (lower.startsWith("fe8") || lower.startsWith("fe9") || lower.startsWith("fea")
                || lower.startsWith("feb"));
    }

    /** 224.0.0.0/24 and ff02::/16. */
    static boolean isLinkLocalMulticast(String ip) {
        if (isIpv4(ip)) {
            return ip.startsWith("224.0.0.");
        }
        return isIpv6(ip) && ip.toLowerCase(java.util.Locale.ROOT).startsWith("ff02:");
    }
}
