package sample.http.front;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The calling service of the HTTP tests: a Spring MVC application that calls the back end with each
 * client type.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ImportHttpServices(group = "stock", types = StockClient.class)
public class FrontApplication {

}
