package io.kubelix.kinds.builtin.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetTest {
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "0.0.0.0", "::", "::1", "fd00::1", "2001:db8::ffff",
            "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "fe80::1:2"})
    void validAddresses(String ip) {
        assertTrue(Net.isIp(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4.5", "a.b.c.d", "1:2:3:4:5:6:7:8:9",
            "1::2::3", "12345::", "fe80::1%eth0", "example.com", ":1:2", "1:2:3:4:5:6:7"})
    void invalidAddresses(String ip) {
        assertFalse(Net.isIp(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "0.0.0.0/0", "fd00::/64", "::/0"})
    void validCidrs(String cidr) {
        assertTrue(Net.isCidr(cidr), cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/08"})
    void invalidCidrs(String cidr) {
        assertFalse(Net.isCidr(cidr), cidr);
    }
}
