package io.reescreen.embedded.security;

import java.util.Objects;

/** A user name and its password (on the secured broker or registry); {@link #toString} never shows the password. */
public final class Credentials {

    private final String name;
    private final String password;

    public Credentials(String name, String password) {
        this.name = Objects.requireNonNull(name, "name");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String name() {
        return name;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return name + " (password hidden)";
    }
}
