package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Signs in through the real login form, as a browser would: opens the sign-in page (CSRF nonce
 * cookie and the form's token), posts it from the monitor's own origin, and carries the session cookie.
 */
public final class Login {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";
    public static final String COOKIE = "quarkus-credential";
    public static final String CSRF_COOKIE = "csrf-token";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private Login() {}

    /** The origin the test application is reached at, as a browser's {@code Origin} header names it. */
    public static String origin() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** The CSRF token in a page's form. */
    public static String token(String page) {
        Matcher token = TOKEN.matcher(page);
        if (!token.find()) {
            throw new AssertionError("the page's form carries no CSRF token");
        }
        return token.group(1);
    }

    /** The sign-in form as a browser gets it: its nonce cookie and its token. */
    public static String[] signInForm() {
        Response page = given().get("/login").then().statusCode(200).extract().response();
        return new String[] {page.cookie(CSRF_COOKIE), token(page.asString())};
    }

    /** The sign-in post as the page makes it, for {@code user} and {@code password}. */
    public static RequestSpecification signIn(String user, String password) {
        String[] form = signInForm();
        return given().redirects()
                .follow(false)
                .header("Origin", origin())
                .cookie(CSRF_COOKIE, form[0])
                .formParam("j_username", user)
                .formParam("j_password", password)
                .formParam("csrf-token", form[1]);
    }

    /**
     * The sign-in post for {@code user} (password from the test profile) with a sign-in form's
     * {@code nonce} cookie and {@code token}, and no {@code Origin}: the caller adds the headers it tests.
     */
    public static RequestSpecification signInPost(String user, String nonce, String token) {
        return given().redirects()
                .follow(false)
                .cookie(CSRF_COOKIE, nonce)
                .formParam("j_username", user)
                .formParam("j_password", user + "-test-password")
                .formParam("csrf-token", token);
    }

    /** The session cookie's value for {@code user} (password from the test profile). */
    public static String session(String user) {
        return signIn(user, user + "-test-password")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract()
                .cookie(COOKIE);
    }

    /** {@code path} as {@code user} gets it, answered 200; the caller checks the body. */
    public static ValidatableResponse page(String user, String path) {
        return as(user).get(path).then().statusCode(200);
    }

    /** {@code path} as {@code user}'s browser gets it (accepting HTML), answered 200; the caller checks the body. */
    public static ValidatableResponse htmlPage(String user, String path) {
        return as(user).accept("text/html").get(path).then().statusCode(200);
    }

    /** Requests as {@code user}, signed in through the form, from the monitor's own origin, redirects not followed. */
    public static RequestSpecification as(String user) {
        return given().redirects().follow(false).header("Origin", origin()).cookie(COOKIE, session(user));
    }
}
