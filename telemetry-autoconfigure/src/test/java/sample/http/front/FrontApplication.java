package sample.http.front;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The calling service of the HTTP tests: a Spring MVC application that calls the back end with each
 * client type.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
public class FrontApplication {

}
