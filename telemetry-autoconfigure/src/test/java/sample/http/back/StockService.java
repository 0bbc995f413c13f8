package sample.http.back;

import org.springframework.stereotype.Service;

@Service
public class StockService {

	public int count(String item) {
		return item.length();
	}

}
