package sample.traceview;

import org.springframework.stereotype.Service;

@Service
public class ReceiptService {

	public String receipt(long orderId, String item) {
		return orderId + ":" + item;
	}

}
