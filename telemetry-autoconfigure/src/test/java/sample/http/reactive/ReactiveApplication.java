package sample.http.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application of the HTTP tests.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
public class ReactiveApplication {

}
