package sample.capture;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CaptureApplication {

}
