package sample.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application: controller, service and a {@code WebClient} from Boot's builder calling the
 * application itself. The DataSource auto-configuration is left out under its name in each Boot generation.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
public class ReactiveCompatApplication {

}
