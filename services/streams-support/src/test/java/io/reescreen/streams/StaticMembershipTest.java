package io.reescreen.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {

    private final StaticMembership screener = StaticMembership.of("screener");

    @Test
    void anInstanceNameMakesAGroupInstanceIdOfTheHostAndTheName() {
        Properties config = new Properties();
        screener.apply(config, Optional.of("screener-8080"));
        assertEquals(StaticMembership.hostName() + "-screener-8080", config.get("group.instance.id"));
    }

    @Test
    void theSameInstanceNameGivesTheSameIdOnEveryStart() {
        Properties first = new Properties();
        Properties second = new Properties();
        screener.apply(first, Optional.of("a"));
        screener.apply(second, Optional.of("a"));
        assertEquals(first.get("group.instance.id"), second.get("group.instance.id"));
    }

    @Test
    void aConfiguredGroupInstanceIdWins() {
        Properties config = new Properties();
        config.put("group.instance.id", "rack-3-screener");
        screener.apply(config, Optional.of("screener-8080"));
        assertEquals("rack-3-screener", config.get("group.instance.id"));
    }

    @Test
    void withoutAnInstanceNameTheStreamKeepsDynamicMembership() {
        Properties config = new Properties();
        screener.apply(config, Optional.empty());
        screener.apply(config, Optional.of("  "));
        assertFalse(config.containsKey("group.instance.id"));
    }

    @Test
    void theInstanceNameIsReadFromTheServicesOwnProperty() {
        assertEquals("reescreen.screener.instance-name", screener.instanceNameProperty());
        assertEquals("reescreen.retrainer.instance-name", StaticMembership.of("retrainer").instanceNameProperty());
    }
}
