package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class SecurityTest {

    @Test
    void everyPageSendsStrangersToTheLoginForm() {
        for (String page : new String[] {"/", "/log", "/bridges", "/settings", "/feed", "/board/feed"}) {
            given().redirects().follow(false).get(page).then().statusCode(302).header("Location", endsWith("/login"));
        }
        given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
    }

    @Test
    void aWrongPasswordIsRefused() {
        Login.signIn("admin", "guess")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login?error"));
    }

    @Test
    void viewersSeeThePagesButNotTheSettings() {
        Login.page(Login.VIEWER, "/")
                .body(containsString("Tool board"))
                .body(not(containsString("href=\"/settings\"")));
        Login.as(Login.VIEWER).get("/settings").then().statusCode(403);
        Login.as(Login.VIEWER)
                .contentType("application/x-www-form-urlencoded")
                .formParam("host", "evil")
                .post("/settings")
                .then()
                .statusCode(403);
        Login.page(Login.ADMIN, "/").body(containsString("href=\"/settings\""));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        Login.as(Login.ADMIN)
                .contentType("application/x-www-form-urlencoded")
                .formParam("host", "localhost")
                .formParam("port", "1883")
                .post("/settings")
                .then()
                .statusCode(400);
    }

    @Test
    void pagesForbidInlineScriptAndFraming() {
        Login.page(Login.VIEWER, "/log")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .body(not(containsString("<script>")));
    }
}
