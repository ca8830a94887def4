package dev.switchboard.plugins.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Metric values never come out in exponent notation: a histogram sum of sub-millisecond connections
 * was written as 9.36964E-4 (and failed AdminServiceTest's format check whenever the connections were fast).
 */
class MetricsNumberTest {

    @Test
    void smallAndLargeValuesAreWrittenInPlainDecimalsAndOthersAsBefore() {
        assertEquals("0.000936964", Metrics.number(9.36964E-4));
        assertEquals("12345678900", Metrics.number(1.23456789E10));
        assertEquals("0.005", Metrics.number(0.005));
        assertEquals("1.0", Metrics.number(1.0));
        assertEquals("0.0", Metrics.number(0.0));
    }
}
