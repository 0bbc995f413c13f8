package sample.servlet;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring MVC application as a user of any supported Boot version writes it: controller, service,
 * Spring Data JPA repository, and HTTP clients built from Boot's builders calling the application itself.
 */
@SpringBootApplication
public class CompatApplication {

}
