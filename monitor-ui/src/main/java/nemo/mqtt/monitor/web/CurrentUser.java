package nemo.mqtt.monitor.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is looking at the page, for the header and for admin-only links ({@code inject:currentUser}). */
@RequestScoped
@Named("currentUser")
public class CurrentUser {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    @Inject
    SecurityIdentity identity;

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }
}
