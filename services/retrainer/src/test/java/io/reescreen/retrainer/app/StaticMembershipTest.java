package io.reescreen.retrainer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {

    @Test
    void anInstanceNameMakesAGroupInstanceIdOfTheHostAndTheName() {
        Properties config = new Properties();
        StaticMembership.apply(config, Optional.of("retrainer-8080"));
        assertEquals(StaticMembership.hostName() + "-retrainer-8080", config.get("group.instance.id"));
    }

    @Test
    void theSameInstanceNameGivesTheSameIdOnEveryStart() {
        Properties first = new Properties();
        Properties second = new Properties();
        StaticMembership.apply(first, Optional.of("a"));
        StaticMembership.apply(second, Optional.of("a"));
        assertEquals(first.get("group.instance.id"), second.get("group.instance.id"));
    }

    @Test
    void aConfiguredGroupInstanceIdWins() {
        Properties config = new Properties();
        config.put("group.instance.id", "rack-3-retrainer");
        StaticMembership.apply(config, Optional.of("retrainer-8080"));
        assertEquals("rack-3-retrainer", config.get("group.instance.id"));
    }

    @Test
    void withoutAnInstanceNameTheStreamKeepsDynamicMembership() {
        Properties config = new Properties();
        StaticMembership.apply(config, Optional.empty());
        StaticMembership.apply(config, Optional.of("  "));
        assertFalse(config.containsKey("group.instance.id"));
    }
}
