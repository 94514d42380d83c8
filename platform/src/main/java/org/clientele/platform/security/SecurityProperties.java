package org.clientele.platform.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users allowed in, from {@code clientele.security.users}. A password is a bcrypt hash
 * ({@code {bcrypt}$2a$...} or a bare {@code $2a$...}), or {@code {noop}plain} for development only.
 */
@ConfigurationProperties("clientele.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(String name, String password, Set<String> roles) {}
}
