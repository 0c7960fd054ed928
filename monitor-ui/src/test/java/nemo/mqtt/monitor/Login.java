package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Signs in through the real login form and carries the session cookie, as a browser would. */
public final class Login {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";
    public static final String COOKIE = "quarkus-credential";

    private Login() {
    }

    /** The session cookie's value for {@code user} (password from the test profile). */
    public static String session(String user) {
        return given().redirects().follow(false)
                .formParam("j_username", user).formParam("j_password", user + "-test-password")
                .post("/j_security_check")
                .then().statusCode(302)
                .extract().cookie(COOKIE);
    }

    public static RequestSpecification as(String user) {
        return given().redirects().follow(false).cookie(COOKIE, session(user));
    }
}
