package sample.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small application for the thread-hopping tests: {@code @Async}, executors and {@code @Scheduled}.
 */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class JobsApplication {

}
