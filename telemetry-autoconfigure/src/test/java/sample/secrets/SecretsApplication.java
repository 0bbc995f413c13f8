package sample.secrets;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SecretsApplication {

}
