package org.clientele.platform.security;

import java.util.Set;
import org.clientele.platform.web.ProblemResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic on every endpoint but health; which role may call what is declared on each controller method.
 * There is no built-in user: with none configured the application refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command-line import serves no requests
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Set<String> KNOWN_ROLES = Set.of(Roles.BACKOFFICE, Roles.ANALYST, Roles.AUDITOR, Roles.ADMIN);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http.csrf(csrf -> csrf.disable()) // a stateless API authenticated on each request: no session to forge
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> problems.write(
                        response,
                        HttpStatus.UNAUTHORIZED,
                        "AUTHENTICATION_REQUIRED",
                        "Authenticate with HTTP Basic.",
                        request.getRequestURI())))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint((request, response, e) -> problems.write(
                                        response,
                                        HttpStatus.UNAUTHORIZED,
                                        "AUTHENTICATION_REQUIRED",
                                        "Authenticate with HTTP Basic.",
                                        request.getRequestURI()))
                                .accessDeniedHandler((request, response, e) -> problems.write(
                                        response,
                                        HttpStatus.FORBIDDEN,
                                        "ACCESS_DENIED",
                                        "Your roles do not allow this request.",
                                        request.getRequestURI())))
                .headers(Customizer.withDefaults())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        if (properties.users().isEmpty()) {
            throw new IllegalStateException("No users are configured. Set clientele.security.users "
                    + "(name, password as a bcrypt hash, roles), or start with the 'dev' profile; see README.md.");
        }
        // Spring's in-memory manager folds names to lower case: "Admin" would log in as "admin". Names are exact.
        java.util.Map<String, org.springframework.security.core.userdetails.UserDetails> byName =
                new java.util.HashMap<>();
        for (SecurityProperties.User user : properties.users()) {
            String name = requireText(user.name(), "name");
            if (byName.put(
                            name,
                            User.withUsername(name)
                                    .password(storedForm(requireText(user.password(), "password of " + name)))
                                    .roles(checkedRoles(user).toArray(String[]::new))
                                    .build())
                    != null) {
                throw new IllegalStateException("User '" + name + "' is configured twice");
            }
        }
        return name -> {
            var user = byName.get(name);
            if (user == null) {
                throw new org.springframework.security.core.userdetails.UsernameNotFoundException("unknown user");
            }
            // a copy each time: the authentication manager erases the credentials of what it is given
            return User.withUserDetails(user).build();
        };
    }

    private static Set<String> checkedRoles(SecurityProperties.User user) {
        if (user.roles() == null || user.roles().isEmpty() || !KNOWN_ROLES.containsAll(user.roles())) {
            throw new IllegalStateException(
                    "User '" + user.name() + "' must have roles among " + KNOWN_ROLES + ", has " + user.roles());
        }
        return user.roles();
    }

    /** A bare bcrypt hash is accepted as such; anything else must name its encoding, like {noop} or {bcrypt}. */
    private static String storedForm(String password) {
        if (password.startsWith("$2a$") || password.startsWith("$2b$") || password.startsWith("$2y$")) {
            return "{bcrypt}" + password;
        }
        if (!password.startsWith("{")) {
            throw new IllegalStateException("A configured password must be a bcrypt hash or start with {noop}");
        }
        return password;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("A configured user has no " + what);
        }
        return value;
    }
}
