package sample.servlet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class GreetingService {

	private final GreetingRepository repository;

	public GreetingService(GreetingRepository repository) {
		this.repository = repository;
	}

	@Transactional
	public String greet(String name) {
		this.repository.save(new Greeting(name));
		return "hello " + name + " #" + this.repository.countByName(name);
	}

}
