package sample.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application used by the integration tests: controller → service → service → repository.
 */
@SpringBootApplication
public class ShopApplication {

}
