package sample.http.back;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The called service of the HTTP tests: a Spring MVC application.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
public class BackApplication {

}
